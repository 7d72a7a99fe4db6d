/**
 * SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) from a lab tool → findings.
 * No SARIF JSON schema is available offline, so the structure findings depend on is checked
 * strictly against the 2.1.0 specification (§3.13 sarifLog, §3.14 run, §3.18 toolComponent,
 * §3.27 result, §3.28 location, §3.30 region); anything else in the file is kept as evidence.
 */
import { AppError } from '../errors.ts';
import type { FieldError } from '../errors.ts';

export const SARIF_LEVELS = ['none', 'note', 'warning', 'error'] as const;
export type SarifLevel = (typeof SARIF_LEVELS)[number];
const KINDS = ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] as const;
type SarifKind = (typeof KINDS)[number];
/** Results that report no problem (§3.27.9) do not become findings. */
const NOT_A_PROBLEM = ['pass', 'notApplicable'] as const satisfies readonly SarifKind[];

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** §3.27.10 level → finding severity. */
export const LEVEL_SEVERITY = { error: 'high', warning: 'medium', note: 'low', none: 'info' } as const satisfies Record<SarifLevel, Severity>;

/** The `security-severity` property (a CVSS-like score, used by code-scanning tools) refines it. */
function scoreSeverity(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

export interface SarifLocation {
  uri: string | null;
  startLine: number | null;
  startColumn: number | null;
  endLine: number | null;
  logical: string | null;
}

export interface SarifFinding {
  runIndex: number;
  resultIndex: number;
  tool: string;
  toolVersion: string | null;
  ruleId: string | null;
  ruleName: string | null;
  level: SarifLevel;
  kind: SarifKind;
  severity: Severity;
  message: string;
  locations: SarifLocation[];
  helpUri: string | null;
}

export interface ParsedSarif {
  tools: string[];
  findings: SarifFinding[];
  /** Results of kind pass / notApplicable, not imported. */
  skipped: number;
}

export const MAX_SARIF_RESULTS = 20_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const posInt = (v: unknown): number | null => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : null);

function invalid(errors: FieldError[]): never {
  throw new AppError('invalid_document', `not a SARIF 2.1.0 log: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors });
}

/** §3.11.5: a message's text, or its template from the rule's messageStrings with {n} arguments filled. */
function messageText(m: Obj, rule: Obj | undefined): string | null {
  const text = str(m.text);
  if (text !== null) return text;
  const id = str(m.id);
  const strings = isObj(rule?.messageStrings) ? rule.messageStrings : undefined;
  const template = id && isObj(strings?.[id]) ? str((strings[id] as Obj).text) : null;
  if (template === null) return id ? `[${id}]` : null;
  const args = Array.isArray(m.arguments) ? m.arguments.map(String) : [];
  return template.replace(/\{(\d+)\}/g, (whole, n: string) => args[Number(n)] ?? whole);
}

export function parseSarif(content: Buffer | string): ParsedSarif {
  let doc: unknown;
  try {
    doc = JSON.parse((Buffer.isBuffer(content) ? content.toString('utf8') : content).replace(/^\uFEFF/, ''));
  } catch (e) {
    invalid([{ path: '/', message: `not JSON (${(e as Error).message})` }]);
  }
  if (!isObj(doc)) invalid([{ path: '/', message: 'expected a JSON object (a sarifLog)' }]);
  if (doc.version !== '2.1.0') invalid([{ path: '/version', message: doc.version === undefined ? 'required: "2.1.0"' : `is ${JSON.stringify(doc.version)}, only SARIF "2.1.0" is accepted` }]);
  if (doc.$schema !== undefined && typeof doc.$schema !== 'string') invalid([{ path: '/$schema', message: 'must be a string (a URI)' }]);
  if (!Array.isArray(doc.runs)) invalid([{ path: '/runs', message: 'required: an array of runs' }]);
  const errors: FieldError[] = [];
  const err = (path: string, message: string) => void (errors.length < 20 && errors.push({ path, message }));
  const findings: SarifFinding[] = [];
  const tools: string[] = [];
  let skipped = 0;
  doc.runs.forEach((run: unknown, r: number) => {
    const at = `/runs/${r}`;
    if (!isObj(run)) return err(at, 'must be an object');
    if (!isObj(run.tool)) return err(`${at}/tool`, 'required: an object');
    const driver = run.tool.driver;
    if (!isObj(driver)) return err(`${at}/tool/driver`, 'required: an object');
    const tool = str(driver.name);
    if (!tool) return err(`${at}/tool/driver/name`, 'required: a string');
    tools.push(tool);
    const toolVersion = str(driver.semanticVersion) ?? str(driver.version);
    const rules = Array.isArray(driver.rules) ? driver.rules.filter(isObj) : [];
    const ruleById = new Map(rules.map((x) => [str(x.id), x]));
    if (run.results === undefined || run.results === null) return;
    if (!Array.isArray(run.results)) return err(`${at}/results`, 'must be an array');
    run.results.forEach((res: unknown, i: number) => {
      const rat = `${at}/results/${i}`;
      if (!isObj(res)) return err(rat, 'must be an object');
      if (res.ruleId !== undefined && typeof res.ruleId !== 'string') return err(`${rat}/ruleId`, 'must be a string');
      const ref = isObj(res.rule) ? res.rule : undefined;
      const ruleIndex = posInt(res.ruleIndex ?? ref?.index);
      const rule = ruleIndex !== null ? rules[ruleIndex] : ruleById.get(str(res.ruleId) ?? str(ref?.id));
      if (ruleIndex !== null && !rule) return err(`${rat}/ruleIndex`, `no rule ${ruleIndex} in tool.driver.rules`);
      const ruleId = str(res.ruleId) ?? str(ref?.id) ?? str(rule?.id);
      if (!isObj(res.message)) return err(`${rat}/message`, 'required: an object with "text" or "id"');
      const message = messageText(res.message, rule);
      if (message === null) return err(`${rat}/message`, 'needs "text" or "id"');
      if (res.kind !== undefined && !(KINDS as readonly unknown[]).includes(res.kind)) return err(`${rat}/kind`, `must be one of ${KINDS.join(', ')}`);
      const kind = (res.kind as SarifKind | undefined) ?? 'fail';
      if (res.level !== undefined && !(SARIF_LEVELS as readonly unknown[]).includes(res.level)) return err(`${rat}/level`, `must be one of ${SARIF_LEVELS.join(', ')}`);
      const ruleLevel = isObj(rule?.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      // §3.27.10: absent level comes from the rule's default configuration, else "warning" (for kind fail).
      const level: SarifLevel = (res.level as SarifLevel | undefined) ?? ((SARIF_LEVELS as readonly unknown[]).includes(ruleLevel) ? (ruleLevel as SarifLevel) : kind === 'fail' ? 'warning' : 'none');
      if ((NOT_A_PROBLEM as readonly string[]).includes(kind)) return void skipped++;
      if (res.locations !== undefined && res.locations !== null && !Array.isArray(res.locations)) return err(`${rat}/locations`, 'must be an array');
      const locations: SarifLocation[] = [];
      for (const [j, loc] of ((res.locations as unknown[] | undefined) ?? []).entries()) {
        if (!isObj(loc)) return err(`${rat}/locations/${j}`, 'must be an object');
        const phys = isObj(loc.physicalLocation) ? loc.physicalLocation : undefined;
        const region = isObj(phys?.region) ? phys.region : undefined;
        const startLine = region?.startLine;
        if (startLine !== undefined && !(Number.isInteger(startLine) && (startLine as number) >= 1)) return err(`${rat}/locations/${j}/physicalLocation/region/startLine`, 'must be an integer ≥ 1');
        const logical = Array.isArray(loc.logicalLocations) && isObj(loc.logicalLocations[0]) ? str(loc.logicalLocations[0].fullyQualifiedName) ?? str(loc.logicalLocations[0].name) : null;
        locations.push({
          uri: str(isObj(phys?.artifactLocation) ? phys.artifactLocation.uri : undefined),
          startLine: (startLine as number | undefined) ?? null,
          startColumn: posInt(region?.startColumn),
          endLine: posInt(region?.endLine),
          logical,
        });
      }
      const props = isObj(res.properties) ? res.properties : isObj(rule?.properties) ? rule.properties : undefined;
      const score = Number(props?.['security-severity']);
      if (findings.length >= MAX_SARIF_RESULTS) return err(rat, `more than ${MAX_SARIF_RESULTS} results in one file`);
      findings.push({
        runIndex: r,
        resultIndex: i,
        tool,
        toolVersion,
        ruleId,
        ruleName: str(rule?.name),
        level,
        kind,
        severity: Number.isFinite(score) && props?.['security-severity'] !== undefined ? scoreSeverity(score) : LEVEL_SEVERITY[level],
        message,
        locations,
        helpUri: str(rule?.helpUri),
      });
    });
  });
  if (errors.length) invalid(errors);
  if (tools.length === 0) invalid([{ path: '/runs', message: 'the log has no runs' }]);
  return { tools, findings, skipped };
}

/** A finding title: the rule and the first line of the message. */
export function findingTitle(f: SarifFinding): string {
  const first = f.message.split('\n')[0]!.trim();
  const t = f.ruleId ? `${f.ruleId}: ${first}` : first;
  return t.length > 300 ? `${t.slice(0, 297)}...` : t || f.ruleId || 'SARIF result';
}

export function locationText(l: SarifLocation): string {
  const line = l.startLine !== null ? `:${l.startLine}${l.startColumn !== null ? `:${l.startColumn}` : ''}` : '';
  return `${l.uri ?? l.logical ?? '(no location)'}${line}`;
}
