import { describe, it, expect } from 'vitest';
import { VersionParseError } from './common.ts';
import { nugetScheme } from './nuget.ts';
import { cmp, expectOrder, expectPairs } from './order-testing.ts';
import { rubygemsScheme } from './rubygems.ts';

describe('RubyGems Gem::Version', () => {
  it('test_spaceship of rubygems test_gem_version.rb', () => {
    expectPairs(rubygemsScheme, [
      ['1.0', '1.0.0', 0], ['1.0', '1.0.a', 1], ['1.8.2', '0.0.0', 1], ['1.8.2', '1.8.2.a', 1], ['1.8.2.b', '1.8.2.a', 1],
      ['1.8.2.a', '1.8.2', -1], ['1.8.2.a10', '1.8.2.a9', 1], [' ', '0', 0], ['0.beta.1', '0.0.beta.1', 0],
      ['0.0.beta', '0.0.beta.1', -1], ['0.0.beta', '0.beta.1', -1], ['5.a', '5.0.0.rc2', -1], ['5.x', '5.0.0.rc2', 1],
      ['1.9.3', '1.9.2.99', 1], ['1.9.3', '1.9.3.1', -1],
    ]);
  });

  it('test_semver_style_comparisons: "-" means ".pre."', () => {
    expectOrder(rubygemsScheme, [
      '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.2', '1.0.0-beta.11', ['1.0.0-rc.1', '1.0.0-rc1'], '1.0.0-1', ['1', '1.0.0'],
    ]);
    expect(cmp(rubygemsScheme, '1.0.0-rc1', '1.0.0.pre.rc1')).toBe(0);
  });

  it('orders zeros inside prerelease parts by what follows them', () => {
    expectOrder(rubygemsScheme, ['1.a.0.a', '1.a', '1.a.0.1', '1.a.1', '1', '1.0.0.1', '1.1']);
  });

  it('rejects malformed versions (Gem::Version.correct?)', () => {
    for (const bad of ['junk', '1..2', '1.2 3.4', '-1', '1.0-', '1.0.', '.1', '1_0']) {
      expect(() => rubygemsScheme.parse(bad), bad).toThrow(VersionParseError);
    }
  });
});

describe('NuGet VersionComparer', () => {
  it('orders the SemVer 2.0 examples of the NuGet docs, case-insensitively', () => {
    expectOrder(nugetScheme, [
      '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', ['1.0.0-beta', '1.0.0-BETA', '1.0.0-Beta+meta'], '1.0.0-beta.2',
      '1.0.0-beta.11', '1.0.0-rc.1', ['1.0.0', '1.0', '1.0.0.0', '1.0.0+build.5'], '1.0.0.1', '1.0.1',
    ]);
  });

  it('orders the legacy (SemVer 1) examples of the NuGet docs lexically', () => {
    expectOrder(nugetScheme, ['1.0.1-aaa', '1.0.1-alpha', '1.0.1-alpha10', '1.0.1-alpha2', '1.0.1-beta', '1.0.1-open', '1.0.1-rc', '1.0.1-zzz', '1.0.1']);
  });

  it('treats a label numeric only when it fits an Int32', () => {
    expectPairs(nugetScheme, [
      ['1.0.0-2147483647', '1.0.0-a', -1],
      ['1.0.0-2147483648', '1.0.0-3', 1], // not an Int32: compared as text, after every number
      ['1.0.0-2147483648', '1.0.0-21474836479', 1],
      ['1.0.0-01', '1.0.0-1', 0],
    ]);
  });

  it('rejects malformed versions', () => {
    for (const bad of ['1.0.0.0.0', 'a.b', '1.0-', '1.0-a..b', '1.0+', '99999999999.0', 'v1.0']) {
      expect(() => nugetScheme.parse(bad), bad).toThrow(VersionParseError);
    }
  });
});
