import type { Ecosystem, RangeEvent } from '../model.ts';

/**
 * The little of package-URL handling that CSAF import needs: split a purl and name its OSV
 * ecosystem and package, so an affected product becomes an `affected` entry. (The full purl
 * normaliser lives elsewhere; advisories must not depend on the SBOM side.)
 */

export interface PurlParts {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers: Record<string, string>;
}

export function parsePurlLite(purl: string): PurlParts | undefined {
  if (!purl.startsWith('pkg:')) return undefined;
  let rest = purl.slice(4).replace(/^\/+/, '');
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const qualifiers: Record<string, string> = {};
  const q = rest.indexOf('?');
  if (q >= 0) {
    for (const pair of rest.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq > 0) qualifiers[pair.slice(0, eq).toLowerCase()] = safeDecode(pair.slice(eq + 1));
    }
    rest = rest.slice(0, q);
  }
  let version: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at > rest.indexOf('/')) {
    version = safeDecode(rest.slice(at + 1));
    rest = rest.slice(0, at);
  }
  const parts = rest.split('/').filter((p) => p !== '');
  const type = (parts.shift() ?? '').toLowerCase();
  const name = safeDecode(parts.pop() ?? '');
  if (!type || !name) return undefined;
  const out: PurlParts = { type, name, qualifiers };
  if (parts.length > 0) out.namespace = parts.map(safeDecode).join('/');
  if (version !== undefined && version !== '') out.version = version;
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const RPM_VENDORS: Record<string, string> = {
  redhat: 'Red Hat', almalinux: 'AlmaLinux', rocky: 'Rocky Linux', 'rocky-linux': 'Rocky Linux', opensuse: 'openSUSE', suse: 'SUSE',
  openeuler: 'openEuler', mageia: 'Mageia', photon: 'Photon OS', azurelinux: 'Azure Linux',
};

/** OSV ecosystem and package name for a purl, when the type maps to one. */
export function purlToPackage(p: PurlParts): { ecosystem: Ecosystem; name: string } | undefined {
  const ns = p.namespace;
  switch (p.type) {
    case 'npm': return { ecosystem: 'npm', name: ns ? `${ns}/${p.name}` : p.name };
    case 'pypi': return { ecosystem: 'PyPI', name: p.name };
    case 'maven': return ns ? { ecosystem: 'Maven', name: `${ns}:${p.name}` } : undefined;
    case 'golang': return { ecosystem: 'Go', name: ns ? `${ns}/${p.name}` : p.name };
    case 'cargo': return { ecosystem: 'crates.io', name: p.name };
    case 'gem': return { ecosystem: 'RubyGems', name: p.name };
    case 'nuget': return { ecosystem: 'NuGet', name: p.name };
    case 'composer': return { ecosystem: 'Packagist', name: ns ? `${ns}/${p.name}` : p.name };
    case 'hex': return { ecosystem: 'Hex', name: p.name };
    case 'pub': return { ecosystem: 'Pub', name: p.name };
    case 'cran': return { ecosystem: 'CRAN', name: p.name };
    case 'hackage': return { ecosystem: 'Hackage', name: p.name };
    case 'swift': return ns ? { ecosystem: 'SwiftURL', name: `${ns}/${p.name}` } : undefined;
    case 'deb': return { ecosystem: ns?.toLowerCase() === 'ubuntu' ? 'Ubuntu' : 'Debian', name: p.name };
    case 'apk': return { ecosystem: ns?.toLowerCase() === 'wolfi' ? 'Wolfi' : 'Alpine', name: p.name };
    case 'rpm': {
      const vendor = RPM_VENDORS[(ns ?? '').toLowerCase()];
      return vendor ? { ecosystem: vendor, name: p.name } : undefined;
    }
    default: return undefined;
  }
}

/**
 * A `vers:` range (purl-spec VERSION-RANGE-SPEC) as OSV events, one event list per interval
 * because OSV forbids `fixed` and `last_affected` in one range. OSV can say ">= v"
 * (introduced), "< v" (fixed) and "<= v" (last_affected); bare or "=" versions become explicit
 * versions. "> v" and "!= v" have no OSV form and are returned as unsupported.
 */
export function versToOsv(vers: string): { intervals: RangeEvent[][]; versions: string[]; unsupported: string[] } | undefined {
  const m = /^vers:([a-z0-9.+-]+)\/(.*)$/i.exec(vers.trim());
  if (!m) return undefined;
  const intervals: RangeEvent[][] = [];
  const versions: string[] = [];
  const unsupported: string[] = [];
  const body = (m[2] ?? '').replace(/\s+/g, '');
  if (body === '*') return { intervals: [[{ introduced: '0' }]], versions, unsupported };
  let open: RangeEvent[] | undefined;
  for (const c of body.split('|').filter(Boolean)) {
    const op = /^(>=|<=|!=|<|>|=)?(.+)$/.exec(c);
    const operator = op?.[1] ?? '=';
    const version = safeDecode(op?.[2] ?? '');
    if (operator === '>=') {
      if (open) intervals.push(open);
      open = [{ introduced: version }];
    } else if (operator === '<' || operator === '<=') {
      const interval = open ?? [{ introduced: '0' }];
      interval.push(operator === '<' ? { fixed: version } : { last_affected: version });
      intervals.push(interval);
      open = undefined;
    } else if (operator === '=') versions.push(version);
    else unsupported.push(c);
  }
  if (open) intervals.push(open);
  return { intervals, versions, unsupported };
}
