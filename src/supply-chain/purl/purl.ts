/**
 * Package URLs (https://github.com/package-url/purl-spec): parsing, per-type normalisation and
 * the canonical string form. Written by hand rather than through packageurl-js because SBOM
 * intake parses one purl per component and needs a tight, allocation-light path; packageurl-js
 * serves as the independent reference in the tests.
 */

export interface Purl {
  /** Lower-case package type ('npm', 'maven', 'pypi', …). */
  type: string;
  /** Decoded namespace, segments joined by '/' (npm scope keeps its '@'). */
  namespace?: string;
  name: string;
  version?: string;
  /** Lower-case keys; empty values are dropped as the spec requires. */
  qualifiers?: Record<string, string>;
  subpath?: string;
}

/**
 * A lookup table without a prototype: keys come from untrusted input, and 'constructor' or
 * '__proto__' must miss rather than find Object.prototype's members.
 */
export function lookupTable<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

export class PurlError extends Error {
  override readonly name = 'PurlError';
  constructor(message: string, readonly input: string) {
    super(message);
  }
}

/** Longest purl accepted: beyond this it is noise or an attack, not an identifier. */
export const MAX_PURL_LENGTH = 4096;

const TYPE_RE = /^[a-z.+-][a-z0-9.+-]*$/;
const QUALIFIER_KEY_RE = /^[a-z.\-_][a-z0-9.\-_]*$/;

function decode(segment: string, what: string, input: string): string {
  if (segment.indexOf('%') < 0) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new PurlError(`malformed percent-encoding in ${what}`, input);
  }
}

/** Percent-encodes per the spec: only alphanumerics, '.-_~' and ':' stay literal. */
export function encodePurlComponent(value: string): string {
  let plain = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 95 || c === 126 || c === 58)) {
      plain = false;
      break;
    }
  }
  if (plain) return value;
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%3A/g, ':');
}

function splitPath(path: string, what: string, input: string, dropDots: boolean): string[] {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    const seg = decode(raw, what, input);
    if (dropDots && (seg === '.' || seg === '..')) continue;
    if (seg.includes('/')) throw new PurlError(`${what} segment may not contain an encoded '/'`, input);
    out.push(seg);
  }
  return out;
}

/** Parses and normalises a purl; throws PurlError with the reason. */
export function parsePurl(input: string): Purl {
  if (typeof input !== 'string') throw new PurlError('purl must be a string', String(input));
  if (input.length > MAX_PURL_LENGTH) throw new PurlError(`purl longer than ${MAX_PURL_LENGTH} characters`, input.slice(0, 64) + '…');
  let rest = input.trim();
  if (rest.length < 4 || rest.slice(0, 4).toLowerCase() !== 'pkg:') throw new PurlError("purl must start with 'pkg:'", input);
  rest = rest.slice(4);

  let subpath: string | undefined;
  const hash = rest.lastIndexOf('#');
  if (hash >= 0) {
    const segs = splitPath(rest.slice(hash + 1), 'subpath', input, true);
    if (segs.length) subpath = segs.join('/');
    rest = rest.slice(0, hash);
  }

  let qualifiers: Record<string, string> | undefined;
  const q = rest.lastIndexOf('?');
  if (q >= 0) {
    qualifiers = parseQualifiers(rest.slice(q + 1), input);
    rest = rest.slice(0, q);
  }

  let start = 0;
  while (rest.charCodeAt(start) === 47) start++;
  let end = rest.length;
  while (end > start && rest.charCodeAt(end - 1) === 47) end--;
  rest = rest.slice(start, end);

  const slash = rest.indexOf('/');
  if (slash <= 0) throw new PurlError('purl needs a type and a name', input);
  const type = rest.slice(0, slash).toLowerCase();
  if (!TYPE_RE.test(type)) throw new PurlError(`invalid purl type '${type}'`, input);
  rest = rest.slice(slash + 1);

  let version: string | undefined;
  const at = rest.lastIndexOf('@');
  // An '@' before the last '/' opens an unencoded npm scope, not a version.
  if (at >= 0 && at > rest.lastIndexOf('/')) {
    const v = decode(rest.slice(at + 1), 'version', input);
    if (v !== '') version = v;
    rest = rest.slice(0, at);
  }

  const segs = splitPath(rest, 'namespace', input, false);
  const rawName = segs.pop();
  if (rawName === undefined || rawName.trim() === '') throw new PurlError('purl name is empty', input);
  const purl: Purl = { type, name: rawName };
  if (segs.length) purl.namespace = segs.join('/');
  if (version !== undefined) purl.version = version;
  if (qualifiers) purl.qualifiers = qualifiers;
  if (subpath !== undefined) purl.subpath = subpath;
  normalizeByType(purl, input);
  return purl;
}

function parseQualifiers(text: string, input: string): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new PurlError(`qualifier '${pair}' is not key=value`, input);
    const key = pair.slice(0, eq).toLowerCase();
    if (!QUALIFIER_KEY_RE.test(key)) throw new PurlError(`invalid qualifier key '${key}'`, input);
    const value = decode(pair.slice(eq + 1), `qualifier '${key}'`, input);
    if (value === '') continue;
    out ??= Object.create(null) as Record<string, string>;
    if (key in out) throw new PurlError(`qualifier '${key}' given twice`, input);
    out[key] = value;
  }
  return out;
}

// Types whose namespace and name the spec declares case-insensitive (canonical: lower case).
const LOWER_NS_AND_NAME = new Set(['alpm', 'apk', 'bitbucket', 'composer', 'deb', 'github', 'gitlab', 'hex', 'npm', 'pypi']);

function normalizeByType(p: Purl, input: string): void {
  if (LOWER_NS_AND_NAME.has(p.type)) {
    p.name = p.name.toLowerCase();
    if (p.namespace) p.namespace = p.namespace.toLowerCase();
  }
  switch (p.type) {
    case 'pypi':
      p.name = p.name.replace(/_/g, '-');
      break;
    case 'pub':
      p.name = p.name.toLowerCase().replace(/-/g, '_');
      break;
    case 'bitnami':
    case 'oci':
      p.name = p.name.toLowerCase();
      break;
    case 'rpm':
    case 'qpkg':
      if (p.namespace) p.namespace = p.namespace.toLowerCase();
      break;
    case 'huggingface':
    case 'luarocks':
      if (p.version) p.version = p.version.toLowerCase();
      break;
    case 'maven':
    case 'swift':
      if (!p.namespace) throw new PurlError(`${p.type} purl needs a namespace`, input);
      break;
    case 'cran':
      if (!p.version) throw new PurlError('cran purl needs a version', input);
      break;
    case 'conan':
      if (p.namespace && !p.qualifiers) throw new PurlError('conan purl with a namespace needs qualifiers', input);
      if (!p.namespace && p.qualifiers?.['channel']) throw new PurlError("conan 'channel' qualifier needs a namespace", input);
      break;
  }
}

/** The canonical string: lower-case type, sorted qualifiers, spec percent-encoding. */
export function formatPurl(p: Purl): string {
  let s = 'pkg:' + p.type + '/';
  if (p.namespace) s += p.namespace.split('/').filter((x) => x !== '').map(encodePurlComponent).join('/') + '/';
  s += encodePurlComponent(p.name);
  if (p.version) s += '@' + encodePurlComponent(p.version);
  if (p.qualifiers) {
    const keys = Object.keys(p.qualifiers).filter((k) => p.qualifiers![k] !== '').sort();
    if (keys.length) s += '?' + keys.map((k) => k + '=' + encodePurlComponent(p.qualifiers![k]!)).join('&');
  }
  if (p.subpath) s += '#' + p.subpath.split('/').filter((x) => x !== '' && x !== '.' && x !== '..').map(encodePurlComponent).join('/');
  return s;
}

/** Canonical form of a purl string; throws PurlError when it is not a purl. */
export function normalizePurl(input: string): string {
  return formatPurl(parsePurl(input));
}

export function tryParsePurl(input: string): Purl | undefined {
  try {
    return parsePurl(input);
  } catch (e) {
    if (e instanceof PurlError) return undefined;
    throw e;
  }
}
