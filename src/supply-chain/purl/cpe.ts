/**
 * CPE names (NISTIR 7695): the 2.3 formatted string `cpe:2.3:part:vendor:…` and the 2.2 URI
 * `cpe:/part:vendor:…`, parsed into their eleven attributes. Values are kept unescaped; the
 * logical values ANY and NA are '*' and '-'.
 */

export const CPE_ANY = '*';
export const CPE_NA = '-';

export interface Cpe {
  /** 'a' application, 'o' operating system, 'h' hardware, or ANY/NA. */
  part: string;
  vendor: string;
  product: string;
  version: string;
  update: string;
  edition: string;
  language: string;
  swEdition: string;
  targetSw: string;
  targetHw: string;
  other: string;
}

export class CpeError extends Error {
  override readonly name = 'CpeError';
  constructor(message: string, readonly input: string) {
    super(message);
  }
}

const FIELDS = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'swEdition', 'targetSw', 'targetHw', 'other'] as const;
const PARTS = new Set(['a', 'o', 'h', CPE_ANY, CPE_NA]);
export const MAX_CPE_LENGTH = 2048;

/** Parses a CPE 2.3 formatted string or a CPE 2.2 URI. */
export function parseCpe(input: string): Cpe {
  if (typeof input !== 'string') throw new CpeError('CPE must be a string', String(input));
  if (input.length > MAX_CPE_LENGTH) throw new CpeError(`CPE longer than ${MAX_CPE_LENGTH} characters`, input.slice(0, 64) + '…');
  const s = input.trim();
  const lower = s.slice(0, 8).toLowerCase();
  if (lower.startsWith('cpe:2.3:')) return parseFormatted(s, input);
  if (lower.startsWith('cpe:/')) return parseUri(s, input);
  throw new CpeError("CPE must start with 'cpe:2.3:' or 'cpe:/'", input);
}

export function tryParseCpe(input: string): Cpe | undefined {
  try {
    return parseCpe(input);
  } catch (e) {
    if (e instanceof CpeError) return undefined;
    throw e;
  }
}

function parseFormatted(s: string, input: string): Cpe {
  const values: string[] = [];
  let cur = '';
  let raw = '';
  for (let i = 8; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\') {
      const next = s[i + 1];
      if (next === undefined) throw new CpeError('CPE ends with a lone backslash', input);
      cur += next;
      raw += ch + next;
      i++;
    } else if (ch === ':') {
      values.push(fsValue(cur, raw));
      cur = '';
      raw = '';
    } else {
      cur += ch;
      raw += ch;
    }
  }
  values.push(fsValue(cur, raw));
  if (values.length !== FIELDS.length) {
    throw new CpeError(`CPE 2.3 needs ${FIELDS.length} attributes after 'cpe:2.3:', found ${values.length}`, input);
  }
  return build(values, input);
}

/** A bare '*' or '-' is a logical value; escaped ones are literal (kept as the character). */
function fsValue(cur: string, raw: string): string {
  if (raw === '' || raw === '*') return CPE_ANY;
  if (raw === '-') return CPE_NA;
  return cur;
}

function parseUri(s: string, input: string): Cpe {
  const parts = s.slice(5).split(':');
  if (parts.length > 7) throw new CpeError(`CPE 2.2 URI has at most 7 components, found ${parts.length}`, input);
  const dec = parts.map((p) => uriValue(p, input));
  while (dec.length < 7) dec.push(CPE_ANY);
  const [part, vendor, product, version, update, edition, language] = dec as [string, string, string, string, string, string, string];
  let packed = [edition, CPE_ANY, CPE_ANY, CPE_ANY, CPE_ANY];
  const rawEdition = parts[5] ?? '';
  // An edition starting with '~' packs edition, sw_edition, target_sw, target_hw and other.
  if (rawEdition.startsWith('~')) {
    const sub = rawEdition.slice(1).split('~');
    if (sub.length !== 5) throw new CpeError('packed CPE 2.2 edition needs five ~-separated fields', input);
    packed = sub.map((p) => uriValue(p, input));
  }
  return build([part, vendor, product, version, update, packed[0]!, language, packed[1]!, packed[2]!, packed[3]!, packed[4]!], input);
}

function uriValue(p: string, input: string): string {
  if (p === '') return CPE_ANY;
  if (p === '-') return CPE_NA;
  const withWildcards = p.replace(/%01/g, '?').replace(/%02/g, '*');
  try {
    return decodeURIComponent(withWildcards);
  } catch {
    throw new CpeError(`malformed percent-encoding in '${p}'`, input);
  }
}

function build(values: string[], input: string): Cpe {
  const part = values[0]!.toLowerCase();
  if (!PARTS.has(part)) throw new CpeError(`CPE part must be 'a', 'o' or 'h', got '${values[0]}'`, input);
  const out = { part } as Cpe;
  for (let i = 1; i < FIELDS.length; i++) {
    // CPE matching is case-insensitive; NVD's dictionary is lower case.
    out[FIELDS[i]!] = values[i]!.toLowerCase();
  }
  return out;
}

/** Binds to the 2.3 formatted string, escaping every character but alphanumerics and '_-.'. */
export function formatCpe23(c: Cpe): string {
  return 'cpe:2.3:' + FIELDS.map((f) => escapeFs(c[f])).join(':');
}

function escapeFs(v: string): string {
  if (v === CPE_ANY || v === CPE_NA || v === '') return v === '' ? CPE_ANY : v;
  let out = '';
  for (const ch of v) {
    out += /[A-Za-z0-9_.-]/.test(ch) || ch.charCodeAt(0) > 127 ? ch : '\\' + ch;
  }
  return out;
}

/** Canonical 2.3 form of either binding; throws CpeError when it is not a CPE. */
export function normalizeCpe(input: string): string {
  return formatCpe23(parseCpe(input));
}
