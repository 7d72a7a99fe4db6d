import type { Running } from '../server.ts';
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

export type Json = Record<string, unknown>;
export type Check = (r: Reply) => string | null;
export interface Extra {
  raw?: Buffer;
  query?: Record<string, string>;
  contentType?: string;
}

export const PARTY_NAMES = ['operator', 'protection', 'office', 'assessor', 'supplier', 'expert1', 'expert2', 'expert3', 'association', 'regulator', 'public'] as const;
export type PartyName = (typeof PARTY_NAMES)[number];

/**
 * What every stage of the scenario works with: the parties (one signed-in client each), the
 * server (its data dir holds the signing keys an offline verifier trusts), and the step recorder.
 */
export class Scenario {
  readonly steps: ScenarioStep[] = [];
  readonly failures: string[] = [];
  readonly P: Record<PartyName, PartyClient>;
  /** The case the scenario drives; set by the first stage. */
  caseId = '';
  private readonly facts = new Map<string, string>();

  constructor(
    readonly server: Running,
    readonly dataDir: string,
    private readonly print: boolean,
  ) {
    this.P = Object.fromEntries(PARTY_NAMES.map((n) => [n, new PartyClient(server.url, n)])) as Record<PartyName, PartyClient>;
  }

  log(s: string): void {
    if (this.print) console.log(s);
  }

  /** Ids learnt along the way (material, findings, report…), named for the later stages. */
  remember(name: string, value: string): void {
    this.facts.set(name, value);
  }
  fact(name: string): string {
    const v = this.facts.get(name);
    if (v === undefined) throw new Error(`the scenario has no ${name} yet (an earlier step failed)`);
    return v;
  }

  private record(s: Omit<ScenarioStep, 'n' | 'ok'>, note: string | null, state?: unknown): ScenarioStep {
    const step: ScenarioStep = { n: this.steps.length + 1, ...s, ok: note === null, ...(note ? { note } : {}) };
    if (note) this.failures.push(`step ${step.n} (${s.party}: ${s.what}): ${note}`);
    this.steps.push(step);
    const where = s.method === 'LOCAL' ? 'offline' : `${s.method} ${s.status}`;
    this.log(`${step.ok ? '✓' : '✗'} ${String(step.n).padStart(2, '0')} ${s.party.padEnd(11)} ${s.what.padEnd(56)} ${where}${state ? ` → ${String(state)}` : ''}  [${s.statements} stmt]${note ? `\n     ${note}` : ''}`);
    return step;
  }

  /** One HTTP request by one party, with the status it must get and what else must hold. */
  async step(c: PartyClient, what: string, method: string, path: string, expected: number, body?: unknown, extra: Extra = {}, check?: Check): Promise<Reply> {
    const r = await c.request(method, path, body, extra);
    let note: string | null;
    try {
      note = r.status === expected ? (check?.(r) ?? null) : `expected ${expected}, got ${r.status}: ${JSON.stringify(r.body)?.slice(0, 300)}`;
    } catch (e) {
      note = `check threw: ${e instanceof Error ? e.message : String(e)}`;
    }
    this.record({ party: c.name, what, method, path, status: r.status, expected, statements: r.statements }, note, (r.body as Json | undefined)?.state);
    return r;
  }

  /** A lifecycle action on the scenario's case. */
  act(c: PartyClient, action: string, body: unknown, what = action.replace(/_/g, ' '), expected = 200, check?: Check): Promise<Reply> {
    return this.step(c, what, 'POST', `/api/v1/cases/${this.caseId}/actions/${action}`, expected, body, {}, check);
  }

  /** A check done offline, without the server (verifying a signed file, re-deriving a draw). */
  async local(party: string, what: string, fn: () => Promise<string | null> | string | null): Promise<void> {
    let note: string | null;
    try {
      note = await fn();
    } catch (e) {
      note = `threw: ${e instanceof Error ? e.message : String(e)}`;
    }
    this.record({ party, what, method: 'LOCAL', path: '', status: 0, expected: 0, statements: 0 }, note);
  }

  /** The request with the status it must have, or the scenario stops (later stages need its answer). */
  static body(r: Reply): Json {
    if (r.status >= 400 || !r.body) throw new Error(`a step the rest depends on failed (${r.status})`);
    return r.body as Json;
  }
}
