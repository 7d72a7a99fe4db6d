import { parseQuietly, schemeForEcosystem, type VersionKey, type VersionScheme } from '../versions/index.ts';

type Comparator = '<' | '<=' | '>' | '>=' | '=' | '!=';

interface Constraint {
  op: Comparator;
  key: VersionKey;
}

const OPS = ['<=', '>=', '!=', '<', '>', '='] as const satisfies readonly Comparator[];
const LOWER = { '>': true, '>=': true, '<': false, '<=': false, '=': false, '!=': false } as const satisfies Record<Comparator, boolean>;

/**
 * Whether `version` lies in a `vers:` range (package-url/vers-spec), in the component's own
 * ecosystem order. Undefined when the range or the version cannot be read: the caller then
 * treats the statement as not applying, since a VEX statement must never hide a finding on a
 * guess.
 */
export function inVersRange(vers: string, version: string, ecosystem: string): boolean | undefined {
  const m = /^vers:[^/]+\/(.*)$/.exec(vers.trim());
  if (m === null) return undefined;
  const body = (m[1] as string).trim();
  if (body === '*') return true;
  const scheme = schemeForEcosystem(ecosystem);
  const v = parseQuietly(scheme, version);
  if (v === undefined) return undefined;
  const constraints: Constraint[] = [];
  for (const raw of body.split('|')) {
    const c = raw.trim();
    const op = OPS.find((o) => c.startsWith(o)) ?? '=';
    const key = parseQuietly(scheme, decodeSafe(c.slice(op === '=' && !c.startsWith('=') ? 0 : op.length).trim()));
    if (key === undefined) return undefined;
    constraints.push({ op, key });
  }
  return evaluate(constraints, v, scheme);
}

/** The vers-spec containment algorithm, over constraints sorted by version. */
function evaluate(all: Constraint[], v: VersionKey, scheme: VersionScheme): boolean {
  const cmp = (k: VersionKey): number => scheme.compare(v, k);
  for (const c of all) {
    if (c.op === '=' && cmp(c.key) === 0) return true;
    if (c.op === '!=' && cmp(c.key) === 0) return false;
  }
  const cs = all.filter((c) => c.op !== '=' && c.op !== '!=').sort((a, b) => scheme.compare(a.key, b.key));
  if (cs.length === 0) return false;
  const satisfies = (c: Constraint): boolean => {
    const d = cmp(c.key);
    return c.op === '<' ? d < 0 : c.op === '<=' ? d <= 0 : c.op === '>' ? d > 0 : d >= 0;
  };
  if (cs.length === 1) return satisfies(cs[0] as Constraint);
  for (let i = 0; i + 1 < cs.length; i++) {
    const cur = cs[i] as Constraint;
    const next = cs[i + 1] as Constraint;
    if (i === 0 && !LOWER[cur.op] && satisfies(cur)) return true;
    if (i + 2 === cs.length && LOWER[next.op] && satisfies(next)) return true;
    if (LOWER[cur.op] && !LOWER[next.op] && satisfies(cur) && satisfies(next)) return true;
  }
  return false;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
