import type { PartyClient } from '../../src/scenario/client.ts';
import type { Harness } from './harness.ts';

type Json = Record<string, unknown>;

/** Cases set up over the API, so a browser test starts where it means to look. */
export class CaseBuilder {
  private constructor(
    private readonly h: Harness,
    private readonly parties: Map<string, PartyClient>,
    private readonly orgs: { id: string; kind: string }[],
  ) {}

  static async create(h: Harness): Promise<CaseBuilder> {
    const parties = new Map<string, PartyClient>();
    for (const u of ['office', 'operator', 'protection', 'assessor', 'supplier', 'expert1', 'expert2']) parties.set(u, await h.party(u));
    const orgs = ((await parties.get('office')!.request('GET', '/api/v1/organisations')).body as { items: { id: string; kind: string }[] }).items;
    return new CaseBuilder(h, parties, orgs);
  }

  party(u: string): PartyClient {
    return this.parties.get(u)!;
  }

  orgOf(kind: string): string {
    return this.orgs.find((o) => o.kind === kind)!.id;
  }

  async declare(title: string, productName = 'EdgeRouter X9'): Promise<string> {
    const r = await this.party('operator').request('POST', '/api/v1/cases', {
      action: 'declare_procurement',
      title,
      productName,
      productVersion: '4.2.1',
      sector: 'energy',
      systemName: 'Dispatch network',
      supplierOrgId: this.orgOf('supplier'),
    });
    if (r.status !== 201) throw new Error(`declare: ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body as Json).id as string;
  }

  async act(user: string, id: string, action: string, body: Json = {}): Promise<void> {
    const r = await this.party(user).request('POST', `/api/v1/cases/${id}/actions/${action}`, body);
    if (r.status !== 200) throw new Error(`${user} ${action}: ${r.status} ${JSON.stringify(r.body)}`);
  }

  async userId(u: string): Promise<string> {
    return (((await this.party(u).request('GET', '/api/v1/me')).body as Json).user as Json).id as string;
  }

  async toTriage(id: string): Promise<void> {
    await this.act('protection', id, 'determine_affects_security', { reason: 'Core CII routing.' });
  }

  async toAssessing(id: string): Promise<void> {
    await this.toTriage(id);
    await this.act('office', id, 'open');
    await this.act('office', id, 'assign_assessor', { assessorOrgId: this.orgOf('third_party_assessor') });
    await this.act('office', id, 'assign_expert', { expertUserId: await this.userId('expert1') });
    await this.act('office', id, 'start_assessment');
  }

  async addFindings(id: string, n: number): Promise<void> {
    const severities = ['critical', 'high', 'medium', 'low', 'info'];
    for (let i = 0; i < n; i++) {
      await this.act('assessor', id, 'record_finding', { category: (i % 5) + 1, severity: severities[i % 5], title: `Finding ${i + 1}: weakness in component ${i}`, method: 'lab_testing' });
    }
  }

  async upload(id: string): Promise<void> {
    const r = await this.party('supplier').request('POST', `/api/v1/cases/${id}/materials`, undefined, {
      raw: Buffer.from('{"bomFormat":"CycloneDX","specVersion":"1.5"}'),
      query: { filename: 'firmware.cdx.json', kind: 'sbom', authenticityStatement: 'We warrant this material is authentic.' },
    });
    if (r.status !== 201) throw new Error(`upload: ${r.status} ${JSON.stringify(r.body)}`);
  }

  /** Through to a public release, with the given summary in the register. */
  async released(title: string, summary: string): Promise<string> {
    const id = await this.declare(title);
    await this.toAssessing(id);
    await this.addFindings(id, 2);
    await this.act('assessor', id, 'submit_assessment', { summary: 'Two findings.' });
    await this.act('expert1', id, 'give_opinion', { recommendation: 'passed', opinion: 'Fine.' });
    await this.act('office', id, 'decide', { outcome: 'passed', decisionText: 'Passed.' });
    await this.act('office', id, 'release', { scope: { kind: 'public' }, publicSummary: summary });
    return id;
  }
}
