import { describe, it, expect } from 'vitest';
import { compareParsed, compareVersions, parseVersion, schemeForEcosystem, tryParseVersion, VersionParseError } from './index.ts';

describe('schemeForEcosystem', () => {
  it.each([
    ['Go', 'go'], ['PyPI', 'pep440'], ['Maven', 'maven'], ['Maven:https://maven.google.com', 'maven'], ['npm', 'npm'],
    ['NuGet', 'nuget'], ['RubyGems', 'rubygems'], ['crates.io', 'semver'], ['Packagist', 'packagist'], ['Hex', 'semver'],
    ['Pub', 'pub'], ['AlmaLinux:9', 'rpm'], ['AlmaLinux', 'rpm'], ['Rocky Linux:9', 'rpm'], ['Red Hat:rhel_aus:8.4::appstream', 'rpm'],
    ['openSUSE:Tumbleweed', 'rpm'], ['Debian:12', 'dpkg'], ['Ubuntu:22.04:LTS', 'dpkg'], ['Ubuntu:Pro:18.04:LTS', 'dpkg'],
    ['Alpine:v3.18', 'apk'], ['Wolfi', 'apk'], ['pypi', 'pep440'], ['Hackage', 'generic'], ['', 'generic'],
  ])('%s uses %s', (ecosystem, id) => {
    expect(schemeForEcosystem(ecosystem).id).toBe(id);
  });
});

describe('compareVersions', () => {
  it.each([
    ['Go', 'v1.2.4-0.20191109021931-daa7c04131f5', '1.2.4', -1],
    ['Go', 'v2.0.0+incompatible', '2.0.0', 0],
    ['PyPI', '1.0.post1', '1.0', 1],
    ['PyPI', '2.1.4.0', '2.1.4', 0],
    ['Maven', '1.0-SNAPSHOT', '1.0', -1],
    ['npm', '1.0.0-rc.1', '1.0.0', -1],
    ['NuGet', '1.0.0-BETA', '1.0.0-beta', 0],
    ['RubyGems', '1.0.0.rc1', '1.0.0', -1],
    ['crates.io', '0.9.0', '0.10.0', -1],
    ['AlmaLinux:9', '115.6.0-1.el9_3.alma', '115.10.0-1.el9', -1],
    ['Debian:12', '1:1.0', '2.0', 1],
    ['Alpine:v3.18', '1.2.3_rc1-r0', '1.2.3-r0', -1],
    ['Packagist', '1.0-RC1', '1.0', -1],
    ['Hex', '1.0.0-rc.0', '1.0.0', -1],
    ['Pub', '1.0.0+1', '1.0.0', 1],
  ])('%s: %s vs %s = %d', (ecosystem, a, b, want) => {
    expect(compareVersions(ecosystem, a, b)).toBe(want);
    expect(compareVersions(ecosystem, b, a)).toBe(-want || 0);
  });

  it('throws VersionParseError naming scheme, input and reason', () => {
    expect(() => compareVersions('PyPI', '1.0', 'not a version')).toThrow(VersionParseError);
    try {
      parseVersion('npm', `1.0.0-${'a'.repeat(300)}`);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VersionParseError);
      const err = e as VersionParseError;
      expect(err.scheme).toBe('npm');
      expect(err.input.length).toBeLessThanOrEqual(81);
      expect(err.message).toMatch(/invalid npm version "1\.0\.0-a+…": longer than 256 characters \(306\)/);
    }
  });
});

describe('parsed versions', () => {
  it('compare fast without reparsing and refuse to mix schemes', () => {
    const a = parseVersion('Maven', '1.0-alpha-1');
    const b = parseVersion('Maven', '1.0');
    expect(compareParsed(a, b)).toBe(-1);
    expect(compareParsed(b, a)).toBe(1);
    expect(() => compareParsed(a, parseVersion('npm', '1.0.0'))).toThrow(TypeError);
  });

  it('tryParseVersion returns undefined instead of throwing', () => {
    expect(tryParseVersion('npm', 'x')).toBeUndefined();
    expect(tryParseVersion('npm', '1.2.3')?.raw).toBe('1.2.3');
  });
});
