import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import type { Json, Scenario } from './harness.ts';

/** A lab tool's log as a test bench would write it: SARIF 2.1.0, one run, one result. */
const SARIF_LOG = {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name: 'FirmwareScan', version: '2.3.0', rules: [{ id: 'FW-TLS-001', name: 'WeakTlsCipher', defaultConfiguration: { level: 'error' }, properties: { 'security-severity': '7.5' } }] } },
      results: [
        {
          ruleId: 'FW-TLS-001',
          level: 'error',
          message: { text: 'Management interface accepts TLS_RSA_WITH_3DES_EDE_CBC_SHA.' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'etc/httpd/ssl.conf' }, region: { startLine: 42 } } }],
        },
      ],
    },
  ],
};

/**
 * The third-party assessment (Art. 3, 11, 12): undertaking first, then an activity, its evidence,
 * findings resting on GB/T clauses, a SARIF import, an information request the supplier answers with
 * its SBOM, and the supplier's signed commitment (Art. 12).
 */
export async function assessment(s: Scenario): Promise<void> {
  const { P } = s;
  const id = s.caseId;
  await s.step(P.assessor, 'FORBIDDEN: read findings before the undertaking', 'GET', `/api/v1/cases/${id}/findings`, 403, undefined, {}, (r) =>
    (r.body as Json).code === 'undertaking_required' ? null : `refused for the wrong reason: ${String((r.body as Json).code)}`,
  );
  await s.step(P.assessor, 'accept the confidentiality undertaking (Art. 12)', 'POST', `/api/v1/cases/${id}/undertaking`, 200);
  const activity = await s.step(P.assessor, 'plan a lab test of the firmware (Art. 3)', 'POST', `/api/v1/cases/${id}/assessment-plan/activities`, 201, {
    method: 'lab_test',
    title: 'Firmware 4.2.1 update-channel and TLS test',
    scope: 'Update download, signature checking and the management interface of EdgeRouter X9 4.2.1.',
    people: [s.fact('user:assessor')],
  });
  const activityId = (activity.body as Json).id as string;
  const log = Buffer.from('2026-01-10T08:00Z GET http://cdn.example.net/fw/x9-4.2.1.bin 200 (no signature file)\n');
  await s.step(P.assessor, 'add the test log as evidence (sha256, custody)', 'POST', `/api/v1/cases/${id}/evidence`, 201, undefined, {
    raw: log,
    query: { filename: 'update-channel.log', kind: 'log', mediaType: 'text/plain', activityId },
  }, (r) => ((r.body as Json).sha256 === createHash('sha256').update(log).digest('hex') ? null : 'stored sha256 differs'));
  const finding = await s.act(P.assessor, 'record_finding', {
    category: 2,
    severity: 'high',
    title: 'Unsigned firmware update channel from an offshore CDN',
    method: 'lab_testing',
    activityId,
    clauses: [{ catalogueId: 'gbt-36637-2018', clauseId: 'sA.1' }],
  }, 'record a finding citing GB/T 36637 A.1, Art. 4(2)');
  void finding;
  await s.act(P.assessor, 'record_finding', { category: 1, severity: 'medium', title: 'Undocumented remote maintenance interface', method: 'onsite_check' }, 'record a product finding, Art. 4(1)');
  await s.step(P.assessor, 'import the lab tool’s SARIF 2.1.0 log', 'POST', `/api/v1/cases/${id}/findings/import-sarif`, 201, undefined, {
    raw: Buffer.from(JSON.stringify(SARIF_LOG)),
    contentType: 'application/sarif+json',
    query: { filename: 'firmwarescan.sarif', activityId },
  }, (r) => (((r.body as Json).findingIds as string[]).length === 1 ? null : 'the SARIF result did not become one finding'));
  await s.step(P.assessor, 'findings carry their clauses and sources', 'GET', `/api/v1/cases/${id}/findings`, 200, undefined, {}, (r) => {
    const items = (r.body as { items: { title: string; clauses: { clauseId: string }[]; source: unknown; activityId: string | null }[] }).items;
    const cited = items.find((f) => f.clauses.some((c) => c.clauseId === 'sA.1'));
    if (!cited || cited.activityId !== activityId) return 'the finding lost its clause or activity';
    if (!items.some((f) => f.source && /3DES|FW-TLS/.test(f.title + JSON.stringify(f.source)))) return 'no finding from the SARIF log';
    s.remember('finding:cited', cited.title);
    return items.length === 3 ? null : `${items.length} findings, expected 3`;
  });

  const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await s.act(P.assessor, 'request_supplement', { request: 'Provide the SBOM of firmware 4.2.1 and the update-signing procedure.', dueDate: due }, 'request supplementary material (Art. 12)');
  const sbom = Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [{ type: 'library', name: 'openssl', version: '3.0.13', purl: 'pkg:generic/openssl@3.0.13' }] }));
  const up = await s.step(P.supplier, 'upload the SBOM with authenticity statement (Art. 12)', 'POST', `/api/v1/cases/${id}/materials`, 201, undefined, {
    raw: sbom,
    query: { filename: 'edgerouter-4.2.1.cdx.json', kind: 'sbom', mediaType: 'application/vnd.cyclonedx+json', authenticityStatement: '本公司保证所提交材料真实、准确、完整。We warrant this material is authentic.' },
  });
  const materialId = (up.body as Json).id as string;
  await s.act(P.supplier, 'provide_supplement', { note: 'SBOM uploaded.' }, 'answer the request (clock resumes)');
  await s.step(P.association, 'FORBIDDEN: read a case it holds no role on', 'GET', `/api/v1/cases/${id}`, 404);
  await s.step(P.assessor, 'read the supplier’s material (audited)', 'GET', `/api/v1/cases/${id}/materials/${materialId}/content`, 200, undefined, {}, (r) =>
    createHash('sha256').update(r.raw!).digest('hex') === (up.body as Json).sha256 ? null : 'content differs from what was uploaded',
  );
  await s.step(P.supplier, 'see who read its material', 'GET', `/api/v1/cases/${id}/material-reads`, 200, undefined, {}, (r) =>
    ((r.body as Json).items as Json[]).length === 1 ? null : 'the read is not in the access log',
  );
  await commitments(s);
  await s.act(P.assessor, 'submit_assessment', { summary: 'Three findings; supply-chain risk in the update channel is high.' }, 'submit the assessment report (Art. 11)');
}

/** The supplier signs offline with its own key; the server only ever sees the public half. */
async function commitments(s: Scenario): Promise<void> {
  const { P } = s;
  const id = s.caseId;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const reg = await s.step(P.supplier, 'register its Ed25519 key to the organisation', 'POST', '/api/v1/supplier-keys', 201, {
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    label: 'Example Networks compliance key 2026',
  });
  const keyId = (reg.body as Json).keyId as string;
  const templates = (await P.supplier.request('GET', '/api/v1/commitment-templates')).body as { items: { id: string; version: number; textDigest: string }[] };
  const t = templates.items.find((x) => x.id === 'no_hidden_control') ?? templates.items[0]!;
  const statement = { templateId: t.id, templateVersion: t.version, textDigest: t.textDigest, caseId: id, product: 'EdgeRouter X9 4.2.1', signedAt: new Date().toISOString() };
  const signature = sign(null, Buffer.from(canonical(statement)), privateKey).toString('base64');
  const { caseId: _omit, ...body } = statement;
  void _omit;
  const altered = { ...body, signedAt: new Date(Date.parse(body.signedAt) - 1000).toISOString() };
  await s.step(P.supplier, 'FORGED: a signed statement with its date altered → refused', 'POST', `/api/v1/cases/${id}/commitments`, 422, { ...altered, keyId, signature }, {}, (r) =>
    (r.body as Json).code === 'signature_invalid' && (r.body as Json).reason === 'signature' ? null : `refused as ${String((r.body as Json).code)}/${String((r.body as Json).reason)}`,
  );
  await s.step(P.supplier, `sign the commitment “${t.id}” (Art. 3, 12)`, 'POST', `/api/v1/cases/${id}/commitments`, 201, { ...body, keyId, signature });
}

/** The canonical JSON a commitment signature covers: keys sorted, no spaces (as the supplier's tool writes it). */
function canonical(v: Record<string, string | number>): string {
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(v[k])}`).join(',')}}`;
}
