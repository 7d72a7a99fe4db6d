import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Cpe, CpeError, formatCpe23, normalizeCpe, parseCpe, tryParseCpe } from './cpe.ts';

describe('parseCpe: CPE 2.3 formatted strings', () => {
  it('reads the eleven attributes, ANY and NA', () => {
    expect(parseCpe('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:-')).toEqual({
      part: 'a', vendor: 'apache', product: 'log4j', version: '2.14.1', update: '*', edition: '*', language: '*',
      swEdition: '*', targetSw: '*', targetHw: '*', other: '-',
    });
  });

  it('unescapes quoted characters and keeps escaped colons inside a value', () => {
    const c = parseCpe('cpe:2.3:a:acme\\,inc:router\\:os:1.0\\.2:*:*:*:*:*:*:*');
    expect(c.vendor).toBe('acme,inc');
    expect(c.product).toBe('router:os');
    expect(c.version).toBe('1.0.2');
    expect(formatCpe23(c)).toBe('cpe:2.3:a:acme\\,inc:router\\:os:1.0.2:*:*:*:*:*:*:*');
  });

  it('lower-cases values (CPE comparison is case-insensitive)', () => {
    expect(normalizeCpe('CPE:2.3:A:Microsoft:Internet_Explorer:8.0:*:*:*:*:*:*:*')).toBe('cpe:2.3:a:microsoft:internet_explorer:8.0:*:*:*:*:*:*:*');
  });
});

describe('parseCpe: CPE 2.2 URIs (NISTIR 7695 examples)', () => {
  const cases: [string, string][] = [
    ['cpe:/a:microsoft:internet_explorer:8.0.6001:beta', 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'],
    ['cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f', 'cpe:2.3:a:microsoft:internet_explorer:8.\\*:sp\\?:*:*:*:*:*:*'],
    ['cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~', 'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:*:*:*:online:win2003:x64:*'],
    ['cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~', 'cpe:2.3:a:hp:openview_network_manager:7.51:-:*:*:*:linux:*:*'],
    ['cpe:/o:redhat:enterprise_linux:9', 'cpe:2.3:o:redhat:enterprise_linux:9:*:*:*:*:*:*:*'],
  ];
  it.each(cases)('%s → %s', (uri, fs) => {
    expect(normalizeCpe(uri)).toBe(fs);
  });
});

describe('parseCpe: invalid input', () => {
  const bad: [string, RegExp][] = [
    ['cpe:2.3:a:apache:log4j', /needs 11 attributes/],
    ['cpe:2.3:x:apache:log4j:1:*:*:*:*:*:*:*', /part must be/],
    ['cpe:2.3:a:apache:log4j:1:*:*:*:*:*:*:\\', /lone backslash/],
    ['cpe:/a:b:c:d:e:f:g:h', /at most 7/],
    ['cpe:/a:b:c:d:e:~x~y', /five ~-separated/],
    ['cpe:/a:b%zz', /malformed percent-encoding/],
    ['log4j 2.14', /must start with/],
  ];
  it.each(bad)('%s is refused', (s, why) => {
    expect(() => parseCpe(s)).toThrow(CpeError);
    expect(() => parseCpe(s)).toThrow(why);
  });

  it('never throws anything but CpeError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => 'cpe:2.3:' + s), fc.string().map((s) => 'cpe:/' + s)), (s) => {
        try {
          parseCpe(s);
        } catch (e) {
          expect(e).toBeInstanceOf(CpeError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('properties', () => {
  const value = fc.oneof(fc.constant('*'), fc.constant('-'), fc.stringMatching(/^[a-z0-9_.,:!~@/-]{1,10}$/).filter((v) => v !== '*' && v !== '-'));
  const arbCpe: fc.Arbitrary<Cpe> = fc.record({
    part: fc.constantFrom('a', 'o', 'h'), vendor: value, product: value, version: value, update: value, edition: value,
    language: value, swEdition: value, targetSw: value, targetHw: value, other: value,
  });
  it('formatted string round-trips: parse(format(c)) = c', () => {
    fc.assert(
      fc.property(arbCpe, (c) => {
        expect(parseCpe(formatCpe23(c))).toEqual(c);
      }),
      { numRuns: 500 },
    );
  });
  it('tryParseCpe answers undefined instead of throwing', () => {
    expect(tryParseCpe('nope')).toBeUndefined();
    expect(tryParseCpe('cpe:/a:x:y')?.product).toBe('y');
  });
});
