import type { Ecosystem } from './model.ts';

/**
 * How each OSV ecosystem names packages, so an SBOM's component and an advisory's `affected`
 * entry meet on the same key. Shared by the purl mapper, the advisory index and the portfolio.
 */
export function normalizePackageName(ecosystem: Ecosystem, name: string): string {
  const base = ecosystemBase(ecosystem);
  switch (base) {
    case 'PyPI':
      // PEP 503: runs of -, _ and . are one '-', case-insensitive.
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'npm':
    case 'crates.io':
    case 'NuGet':
      // npm names are lower-case by rule; crates.io and NuGet compare case-insensitively.
      return name.toLowerCase();
    case 'Packagist':
      return name.toLowerCase();
    default:
      return name;
  }
}

/** 'AlmaLinux:9' → 'AlmaLinux', 'Debian:12' → 'Debian'. */
export function ecosystemBase(ecosystem: Ecosystem): string {
  const i = ecosystem.indexOf(':');
  return i < 0 ? ecosystem : ecosystem.slice(0, i);
}

/** The key a component and an advisory share: ecosystem (with release) and normalised name. */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  return `${ecosystem}\u0000${normalizePackageName(ecosystem, name)}`;
}
