import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server.ts';
import type { Reply } from './client.ts';
import { PartyClient } from './client.ts';

export interface ScenarioStep {
  n: number;
  party: string;
  what: string;
  method: string;
  path: string;
  status: number;
  expected: number;
  statements: number;
  ok: boolean;
  note?: string;
}

export interface ScenarioResult {
  ok: boolean;
  steps: ScenarioStep[];
  queriesPerRequestMax: number;
  failures: string[];
}

type Json = Record<string, unknown>;

/**
 * One case through every stage of the Measures over the HTTP API, each step taken by the party the
 * Measures give it to, against a fresh embedded database. Refusals are part of the script: an
 * illegal action and a forbidden read must be refused, and the public must see only the released
 * summary. Exits 0 only if every expectation held.
 */
export async function runScenario(opts: { print?: boolean; databaseUrl?: string } = {}): Promise<ScenarioResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'netreview-scenario-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: opts.databaseUrl }, { seed: true });
  const steps: ScenarioStep[] = [];
  const failures: string[] = [];
  const log = (s: string) => opts.print && console.log(s);
  log(`netreview scenario — fresh database in ${dataDir}, server ${server.url}\n`);
  try {
    const creds = new Map(server.demo!.map((d) => [d.username, d.password]));
    const party = (name: string) => new PartyClient(server.url, name);
    const P = {
      operator: party('operator'),
      protection: party('protection'),
      office: party('office'),
      assessor: party('assessor'),
      supplier: party('supplier'),
      expert1: party('expert1'),
      expert2: party('expert2'),
      association: party('association'),
      regulator: party('regulator'),
      public: party('public'),
    };

    const step = async (c: PartyClient, what: string, method: string, path: string, expected: number, body?: unknown, extra: { raw?: Buffer; query?: Record<string, string> } = {}, check?: (r: Reply) => string | null): Promise<Reply> => {
      const r = await c.request(method, path, body, extra);
      let note = r.status === expected ? (check?.(r) ?? null) : `expected ${expected}, got ${r.status}: ${JSON.stringify(r.body)?.slice(0, 300)}`;
      const s: ScenarioStep = { n: steps.length + 1, party: c.name, what, method, path, status: r.status, expected, statements: r.statements, ok: note === null };
      if (note) {
        s.note = note;
        failures.push(`step ${s.n} (${c.name}: ${what}): ${note}`);
      } else note = '';
      steps.push(s);
      const state = (r.body as Json | undefined)?.state;
      log(`${s.ok ? '✓' : '✗'} ${String(s.n).padStart(2, '0')} ${c.name.padEnd(11)} ${what.padEnd(52)} ${method} ${r.status}${state ? ` → ${String(state)}` : ''}  [${r.statements} stmt]${s.note ? `\n     ${s.note}` : ''}`);
      return r;
    };

    for (const [name, c] of Object.entries(P)) {
      if (name === 'public') continue;
      await step(c, 'sign in', 'POST', '/api/v1/session', 200, { username: name, password: creds.get(name) });
    }
    const orgs = ((await P.office.request('GET', '/api/v1/organisations')).body as { items: { id: string; kind: string }[] }).items;
    const orgOf = (kind: string) => orgs.find((o) => o.kind === kind)!.id;
    const userId = async (c: PartyClient) => (((await c.request('GET', '/api/v1/me')).body as Json).user as Json).id as string;

    const created = await step(P.operator, 'declare a procurement (Art. 10)', 'POST', '/api/v1/cases', 201, {
      action: 'declare_procurement',
      title: '调度网络核心路由器采购 / Core routers for the dispatch network',
      productName: 'EdgeRouter X9',
      productVersion: '4.2.1',
      sector: 'energy',
      systemName: 'Provincial dispatch control network',
      supplierOrgId: orgOf('supplier'),
    });
    const id = (created.body as Json).id as string;
    const act = (c: PartyClient, action: string, body: unknown, expected = 200, what = action.replace(/_/g, ' ')) =>
      step(c, what, 'POST', `/api/v1/cases/${id}/actions/${action}`, expected, body);

    await act(P.protection, 'determine_affects_security', { reason: 'Core routing for CII dispatch; compromise affects national security.' }, 200, 'determine: may affect national security (Art. 10)');
    await act(P.office, 'open', { note: 'Review opened.' }, 200, 'open the review (Art. 8)');
    await act(P.office, 'assign_assessor', { assessorOrgId: orgOf('third_party_assessor') }, 200, 'assign an accredited, unconflicted assessor (Art. 7, 11)');
    await act(P.office, 'assign_expert', { expertUserId: await userId(P.expert1) }, 200, 'assign expert 1 to the panel (Art. 6)');
    await act(P.office, 'assign_expert', { expertUserId: await userId(P.expert2) }, 200, 'assign expert 2 to the panel (Art. 6)');
    await act(P.office, 'start_assessment', {}, 200, 'start the third-party assessment (Art. 11)');
    await step(P.office, 'ILLEGAL: release while assessing → refused', 'POST', `/api/v1/cases/${id}/actions/release`, 409, { scope: { kind: 'public' }, publicSummary: 'x' }, {}, (r) =>
      Array.isArray((r.body as Json).legalActions) && ((r.body as Json).legalActions as string[]).length > 0 ? null : 'no legal actions named in the 409',
    );
    await act(P.assessor, 'record_finding', { category: 2, severity: 'high', title: 'Unsigned firmware update channel from an offshore CDN', method: 'lab_testing' }, 200, 'record a supply-chain finding, Art. 4(2)');
    await act(P.assessor, 'record_finding', { category: 1, severity: 'medium', title: 'Undocumented remote maintenance interface', method: 'onsite_check' }, 200, 'record a product finding, Art. 4(1)');
    await act(P.assessor, 'request_supplement', { request: 'Provide the SBOM of firmware 4.2.1 and the update-signing procedure.' }, 200, 'request supplementary material (Art. 12)');
    const sbom = Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [{ type: 'library', name: 'openssl', version: '3.0.13', purl: 'pkg:generic/openssl@3.0.13' }] }));
    const up = await step(P.supplier, 'upload the SBOM with authenticity statement (Art. 12)', 'POST', `/api/v1/cases/${id}/materials`, 201, undefined, {
      raw: sbom,
      query: { filename: 'edgerouter-4.2.1.cdx.json', kind: 'sbom', mediaType: 'application/vnd.cyclonedx+json', authenticityStatement: '本公司保证所提交材料真实、准确、完整。We warrant this material is authentic.' },
    });
    const materialId = (up.body as Json).id as string;
    await act(P.supplier, 'provide_supplement', { note: 'SBOM uploaded.' }, 200, 'answer the request (clock resumes)');
    await step(P.association, 'FORBIDDEN: read a case it holds no role on', 'GET', `/api/v1/cases/${id}`, 404);
    await step(P.assessor, 'FORBIDDEN: read material before undertaking', 'GET', `/api/v1/cases/${id}/materials/${materialId}/content`, 403);
    await step(P.assessor, 'accept the confidentiality undertaking (Art. 12)', 'POST', `/api/v1/cases/${id}/undertaking`, 200);
    await step(P.assessor, 'read the supplier’s material (audited)', 'GET', `/api/v1/cases/${id}/materials/${materialId}/content`, 200, undefined, {}, (r) =>
      createHash('sha256').update(r.raw!).digest('hex') === (up.body as Json).sha256 ? null : 'content differs from what was uploaded',
    );
    await step(P.supplier, 'see who read its material', 'GET', `/api/v1/cases/${id}/material-reads`, 200, undefined, {}, (r) =>
      ((r.body as Json).items as Json[]).length === 1 ? null : 'the read is not in the access log',
    );
    await act(P.assessor, 'submit_assessment', { summary: 'Two findings; supply-chain risk in the update channel is high.' }, 200, 'submit the assessment report (Art. 11)');
    await act(P.expert1, 'give_opinion', { recommendation: 'passed_with_conditions', opinion: 'Acceptable once updates are signed and served domestically.' }, 200, 'expert 1: comprehensive assessment (Art. 6)');
    await act(P.expert2, 'give_opinion', { recommendation: 'passed_with_conditions', opinion: 'Agree; remote maintenance must be disabled by default.' }, 200, 'expert 2: comprehensive assessment (Art. 6)');
    await act(P.office, 'decide', { outcome: 'passed_with_conditions', decisionText: 'Passed on condition that firmware updates are signed and the maintenance interface is disabled.' }, 200, 'decide: passed with conditions');
    const summary = 'EdgeRouter X9 4.2.1 passed the cybersecurity review with conditions.';
    await act(P.office, 'release', { scope: { kind: 'public' }, publicSummary: summary }, 200, 'release the result publicly (Art. 8, 13)');
    await step(P.public, 'public register shows only the released summary', 'GET', '/api/v1/public/results', 200, undefined, {}, (r) => {
      const items = (r.body as Json).items as Json[];
      const mine = items.find((x) => x.publicSummary === summary);
      if (!mine) return 'the released case is not in the register';
      const allowed = new Set(['ref', 'title', 'productName', 'productVersion', 'supplierName', 'outcome', 'publicSummary', 'releasedAt', 'underSupervision']);
      const extra = Object.keys(mine).filter((k) => !allowed.has(k));
      const text = JSON.stringify(r.body);
      if (extra.length) return `register leaks fields: ${extra.join(', ')}`;
      if (/firmware updates are signed|Unsigned firmware|maintenance interface|sha256/i.test(text)) return 'register leaks confidential text';
      return null;
    });
    await step(P.public, 'public cannot open the case itself', 'GET', `/api/v1/cases/${id}`, 404);
    await act(P.office, 'begin_supervision', { note: 'Approved product under continuing supervision.' }, 200, 'place under supervision (Art. 3)');
    await step(P.regulator, 'sector regulator follows its sector’s case (Art. 9)', 'GET', `/api/v1/cases/${id}`, 200, undefined, {}, (r) => {
      const { state, materials } = r.body as Json;
      return state === 'supervision' && materials === undefined ? null : 'regulator view is wrong (state or confidential materials)';
    });
    await step(P.office, 'verify the audit chain', 'GET', '/api/v1/audit/verify', 200, undefined, {}, (r) =>
      (r.body as Json).ok === true && Number((r.body as Json).checked) > 20 ? null : `audit chain not intact: ${JSON.stringify(r.body)}`,
    );
    const timeline = await step(P.office, 'timeline cites an article for every step', 'GET', `/api/v1/cases/${id}`, 200, undefined, {}, (r) => {
      const t = (r.body as Json).timeline as { data: { articles?: string[] } }[];
      const bare = t.filter((e) => !(e.data?.articles ?? []).length);
      return t.length >= 17 && bare.length === 0 ? null : `${t.length} timeline entries, ${bare.length} without an article: ${JSON.stringify(bare[0] ?? t[0])}`;
    });
    void timeline;
  } catch (e) {
    failures.push(`scenario aborted: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const queriesPerRequestMax = Math.max(0, ...steps.map((s) => s.statements));
  if (queriesPerRequestMax > 4) failures.push(`a request ran ${queriesPerRequestMax} statements (target ≤ 4)`);
  const ok = failures.length === 0 && steps.length > 0;
  log(`\n${ok ? 'ALL HELD' : 'FAILED'}: ${steps.filter((s) => s.ok).length}/${steps.length} steps as expected; most statements in one request: ${queriesPerRequestMax}`);
  for (const f of failures) log(`  ✗ ${f}`);
  return { ok, steps, queriesPerRequestMax, failures };
}
