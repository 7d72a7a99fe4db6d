import type { Ecosystem } from '../model.ts';
import { normalizePackageName } from '../ecosystems.ts';
import { type Purl, lookupTable } from './purl.ts';

/** Where a purl meets OSV: the ecosystem string and the package name its advisories use. */
export interface OsvPackage {
  ecosystem: Ecosystem;
  packageName: string;
}

/** Language ecosystems whose purl type maps one-to-one onto an OSV ecosystem. */
const LANGUAGE: Record<string, Ecosystem> = lookupTable({
  npm: 'npm',
  pypi: 'PyPI',
  maven: 'Maven',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  nuget: 'NuGet',
  composer: 'Packagist',
  hex: 'Hex',
  pub: 'Pub',
  hackage: 'Hackage',
  cran: 'CRAN',
  swift: 'SwiftURL',
  bitnami: 'Bitnami',
  conan: 'ConanCenter',
  githubactions: 'GitHub Actions',
  julia: 'Julia',
  opam: 'opam',
});

/**
 * Maps a parsed purl to the OSV ecosystem and package name. Distribution packages take their
 * release from the `distro` qualifier and their name from `upstream` (the source package), since
 * distribution advisories name source packages. Returns undefined for types OSV does not cover.
 */
export function purlToOsv(p: Purl): OsvPackage | undefined {
  return osvFor(p.type, p.namespace, p.name, p.qualifiers);
}

/** purlToOsv on the parts, for callers that never build a Purl object (the SBOM fast path). */
export function osvFor(type: string, namespace: string | undefined, name: string, qualifiers?: Record<string, string>): OsvPackage | undefined {
  const lang = LANGUAGE[type];
  if (lang) return { ecosystem: lang, packageName: normalizePackageName(lang, languageName(type, namespace, name)) };
  if (type !== 'deb' && type !== 'rpm' && type !== 'apk') return undefined;
  const p: Purl = { type, namespace, name, qualifiers };
  return distroPackage(distroEcosystem(p), sourceName(p, type));
}

function languageName(type: string, ns: string | undefined, name: string): string {
  if (!ns) return name;
  // Maven names are 'groupId:artifactId'; every other namespaced type joins with '/'.
  return type === 'maven' ? `${ns}:${name}` : `${ns}/${name}`;
}

// Container SBOMs repeat one distro on every package; the regex work is done once per distro.
const distroCache = new Map<string, Ecosystem | null>();

function distroEcosystem(p: Purl): Ecosystem | undefined {
  const key = `${p.type}\u0000${p.namespace ?? ''}\u0000${p.qualifiers?.['distro'] ?? ''}`;
  let eco = distroCache.get(key);
  if (eco === undefined) {
    eco = (p.type === 'deb' ? debEcosystem(p) : p.type === 'rpm' ? rpmEcosystem(p) : apkEcosystem(p)) ?? null;
    if (distroCache.size > 10_000) distroCache.clear();
    distroCache.set(key, eco);
  }
  return eco ?? undefined;
}

function distroPackage(ecosystem: Ecosystem | undefined, name: string): OsvPackage | undefined {
  return ecosystem ? { ecosystem, packageName: name } : undefined;
}

/** The source package named by the `upstream` qualifier, else the binary package's own name. */
function sourceName(p: Purl, kind: string): string {
  const up = p.qualifiers?.['upstream'];
  if (!up) return p.name;
  if (kind === 'rpm') {
    // 'openssl-3.0.7-27.el9.src.rpm': drop the suffix, then the release and the version.
    const base = up.replace(/\.(src|nosrc)\.rpm$/, '').replace(/\.rpm$/, '');
    const parts = base.split('-');
    return parts.length >= 3 ? parts.slice(0, -2).join('-') : base;
  }
  // deb and apk: 'glibc' or 'glibc@2.36-9' (syft appends the source version after '@').
  const at = up.indexOf('@');
  const name = (at > 0 ? up.slice(0, at) : up).trim();
  return name || p.name;
}

const DEBIAN_CODENAMES: Record<string, string> = lookupTable({
  buzz: '1.1', rex: '1.2', bo: '1.3', hamm: '2.0', slink: '2.1', potato: '2.2', woody: '3.0', sarge: '3.1',
  etch: '4', lenny: '5', squeeze: '6', wheezy: '7', jessie: '8', stretch: '9', buster: '10',
  bullseye: '11', bookworm: '12', trixie: '13', forky: '14', sid: 'sid',
});

const UBUNTU_CODENAMES: Record<string, string> = lookupTable({
  trusty: '14.04', xenial: '16.04', bionic: '18.04', focal: '20.04', groovy: '20.10', hirsute: '21.04',
  impish: '21.10', jammy: '22.04', kinetic: '22.10', lunar: '23.04', mantic: '23.10', noble: '24.04',
  oracular: '24.10', plucky: '25.04', questing: '25.10',
});

/** Splits 'debian-12.4' / 'ubuntu-22.04' / 'bookworm' / '3.18.4' into id and release. */
function splitDistro(distro: string): { id: string; release: string } {
  const d = distro.trim().toLowerCase();
  const m = /^([a-z][a-z-]*?)-?(\d[\w.]*)$/.exec(d);
  if (m) return { id: m[1]!, release: m[2]! };
  if (/^\d/.test(d)) return { id: '', release: d };
  return { id: d, release: '' };
}

function majorOf(release: string): string {
  const m = /^\d+/.exec(release);
  return m ? m[0] : release;
}

function debEcosystem(p: Purl): Ecosystem | undefined {
  const ns = (p.namespace ?? '').toLowerCase();
  const distro = p.qualifiers?.['distro'];
  const { id, release } = distro ? splitDistro(distro) : { id: '', release: '' };
  const family = id === 'ubuntu' || ns === 'ubuntu' || (id && id in UBUNTU_CODENAMES) ? 'Ubuntu'
    : id === 'debian' || ns === 'debian' || (id && id in DEBIAN_CODENAMES) ? 'Debian'
    : undefined;
  if (!family) return undefined;
  if (family === 'Debian') {
    const rel = release ? majorOf(release) : DEBIAN_CODENAMES[id] ?? DEBIAN_CODENAMES[distroCodename(distro)];
    return rel ? `Debian:${rel}` : 'Debian';
  }
  const rel = release ? (/^\d+\.\d+/.exec(release)?.[0] ?? release) : UBUNTU_CODENAMES[id] ?? UBUNTU_CODENAMES[distroCodename(distro)];
  if (!rel) return 'Ubuntu';
  // OSV marks long-term-support releases (even year, April) with a ':LTS' suffix.
  const lts = /^\d*[02468]\.04$/.test(rel);
  return `Ubuntu:${rel}${lts ? ':LTS' : ''}`;
}

/** 'debian-bookworm' → 'bookworm'. */
function distroCodename(distro: string | undefined): string {
  if (!distro) return '';
  const d = distro.toLowerCase();
  const dash = d.lastIndexOf('-');
  return dash >= 0 ? d.slice(dash + 1) : d;
}

const RPM_FAMILIES: [RegExp, string, 'major' | 'full' | 'none'][] = [
  [/^(almalinux|alma)$/, 'AlmaLinux', 'major'],
  [/^(rocky|rockylinux|rocky-linux)$/, 'Rocky Linux', 'major'],
  [/^(redhat|rhel|red-hat)$/, 'Red Hat', 'none'],
  [/^mageia$/, 'Mageia', 'major'],
  [/^(azurelinux|azure-linux)$/, 'Azure Linux', 'major'],
  [/^(photon|photon-os)$/, 'Photon OS', 'full'],
  [/^openeuler$/, 'openEuler', 'none'],
];

function rpmEcosystem(p: Purl): Ecosystem | undefined {
  const ns = (p.namespace ?? '').toLowerCase();
  const distro = p.qualifiers?.['distro'];
  const { id, release } = distro ? splitDistro(distro) : { id: '', release: '' };
  const suse = suseEcosystem(id, release, ns);
  if (suse) return suse;
  const key = id || ns;
  for (const [re, family, scope] of RPM_FAMILIES) {
    if (!re.test(key)) continue;
    if (!release || scope === 'none') return family;
    return `${family}:${scope === 'major' ? majorOf(release) : release}`;
  }
  return undefined;
}

function suseEcosystem(id: string, release: string, ns: string): Ecosystem | undefined {
  if (id === 'opensuse-leap' || (id === 'opensuse' && release)) return release ? `openSUSE:Leap ${release}` : 'openSUSE';
  if (id === 'opensuse-tumbleweed') return 'openSUSE:Tumbleweed';
  if (id === 'sles' || id === 'sle') {
    if (!release) return 'SUSE';
    const [maj, sp] = release.split('.');
    return `SUSE:Linux Enterprise Server ${maj}${sp && sp !== '0' ? ` SP${sp}` : ''}`;
  }
  if (!id && (ns === 'opensuse' || ns === 'suse')) return ns === 'suse' ? 'SUSE' : 'openSUSE';
  return undefined;
}

function apkEcosystem(p: Purl): Ecosystem | undefined {
  const ns = (p.namespace ?? '').toLowerCase();
  const distro = p.qualifiers?.['distro'];
  const { id, release } = distro ? splitDistro(distro) : { id: '', release: '' };
  const family = id || ns;
  if (family === 'wolfi') return 'Wolfi';
  if (family === 'chainguard') return 'Chainguard';
  if (family !== 'alpine' && !(family === '' && release)) return undefined;
  const m = /^v?(\d+\.\d+)/.exec(release);
  if (m) return `Alpine:v${m[1]}`;
  if (release === 'edge' || distro === 'edge') return 'Alpine:edge';
  return 'Alpine';
}
