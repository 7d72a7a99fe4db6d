import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Advisory } from '../model.ts';
import { AliasGroups, compareForCanonical } from './aliases.ts';

const adv = (id: string, aliases: string[] = [], related: string[] = []): Advisory => ({
  id, aliases, related, severity: [], affected: [], source: { format: 'osv' },
});

describe('AliasGroups', () => {
  const corpus = [
    adv('GO-2099-0001', ['CVE-2099-1001', 'GHSA-aaaa-bbbb-cccc']),
    adv('GHSA-aaaa-bbbb-cccc', ['CVE-2099-1001']),
    adv('RUSTSEC-2099-0001', ['GHSA-aaaa-bbbb-cccc'], ['RUSTSEC-2098-0007']),
    adv('PYSEC-2099-11', ['GHSA-dddd-eeee-ffff']),
    adv('RUSTSEC-2098-0007'),
    adv('ALSA-2099:0001', [], ['CVE-2099-1001', 'CVE-2099-3001']),
    adv('ALSA-2099:0002', [], ['CVE-2099-2001']),
    adv('PYSEC-2099-12', ['CVE-2099-2001']),
    adv('GO-2099-0005', [], ['CVE-2099-9999']),
  ];
  const g = new AliasGroups(corpus);

  it('joins records of different databases that alias one another, transitively', () => {
    expect(g.same('GO-2099-0001', 'RUSTSEC-2099-0001')).toBe(true);
    expect(g.members('RUSTSEC-2099-0001')).toEqual(['CVE-2099-1001', 'GHSA-aaaa-bbbb-cccc', 'GO-2099-0001', 'RUSTSEC-2099-0001']);
  });

  it('prefers a CVE id, then a GHSA id, then the lowest id as the canonical id', () => {
    expect(g.canonicalId('RUSTSEC-2099-0001')).toBe('CVE-2099-1001');
    expect(g.canonicalId('PYSEC-2099-11')).toBe('GHSA-dddd-eeee-ffff');
    expect(g.canonicalId('RUSTSEC-2098-0007')).toBe('RUSTSEC-2098-0007');
    expect(g.canonicalId('never-seen')).toBe('never-seen');
  });

  it('does not join on `related` for ordinary advisories', () => {
    expect(g.same('RUSTSEC-2099-0001', 'RUSTSEC-2098-0007')).toBe(false);
    expect(g.same('GO-2099-0005', 'CVE-2099-9999')).toBe(false);
  });

  it('lets an erratum with one CVE stand for it, and one with several cover each', () => {
    expect(g.canonicalId('ALSA-2099:0002')).toBe('CVE-2099-2001');
    expect(g.same('ALSA-2099:0002', 'PYSEC-2099-12')).toBe(true);
    expect(g.canonicalId('ALSA-2099:0001')).toBe('ALSA-2099:0001');
    expect(g.same('CVE-2099-1001', 'CVE-2099-3001')).toBe(false);
    expect(g.vulnerabilitiesOf('ALSA-2099:0001')).toEqual(['CVE-2099-1001', 'CVE-2099-3001']);
    expect(g.vulnerabilitiesOf('GO-2099-0001')).toEqual(['CVE-2099-1001']);
  });

  it('counts groups and the vulnerabilities they stand for', () => {
    const groups = g.groups();
    expect(groups.map((x) => x.canonical)).toEqual(['CVE-2099-1001', 'CVE-2099-2001', 'GHSA-dddd-eeee-ffff', 'ALSA-2099:0001', 'GO-2099-0005', 'RUSTSEC-2098-0007']);
    expect(groups[0]?.advisories).toEqual(['GHSA-aaaa-bbbb-cccc', 'GO-2099-0001', 'RUSTSEC-2099-0001']);
    // 1001 (Go/GHSA/RustSec + erratum), 2001, 3001 (only via the erratum), GHSA-dddd, GO-2099-0005, RUSTSEC-2098-0007.
    expect(g.vulnerabilityCount()).toBe(6);
  });

  it('orders CVE ids numerically, not as text', () => {
    expect(['CVE-2021-10000', 'GHSA-x', 'CVE-2021-9999', 'CVE-2020-50000', 'ALSA-1'].sort(compareForCanonical))
      .toEqual(['CVE-2020-50000', 'CVE-2021-9999', 'CVE-2021-10000', 'GHSA-x', 'ALSA-1']);
  });

  it('gives the same canonical ids whatever order advisories are added in', () => {
    const ids = corpus.map((a) => a.id);
    const reference = new Map(ids.map((id) => [id, g.canonicalId(id)]));
    fc.assert(fc.property(fc.shuffledSubarray(corpus, { minLength: corpus.length }), (shuffled) => {
      const h = new AliasGroups(shuffled);
      return ids.every((id) => h.canonicalId(id) === reference.get(id)) && h.vulnerabilityCount() === 6;
    }), { numRuns: 200 });
  });

  it('agrees with a naive closure on random alias graphs', () => {
    const idArb = fc.constantFrom('CVE-2024-1', 'CVE-2024-2', 'GHSA-a', 'GHSA-b', 'GO-1', 'GO-2', 'PYSEC-1', 'RUSTSEC-1', 'OSV-1');
    fc.assert(fc.property(fc.array(fc.tuple(idArb, fc.array(idArb, { maxLength: 3 })), { maxLength: 8 }), (records) => {
      const list = records.map(([id, aliases]) => adv(id, aliases));
      const h = new AliasGroups(list);
      // Naive: repeat merging sets until nothing changes.
      let sets = list.map((a) => new Set([a.id, ...a.aliases]));
      for (let changed = true; changed;) {
        changed = false;
        outer: for (let i = 0; i < sets.length; i++) {
          for (let j = i + 1; j < sets.length; j++) {
            if ([...(sets[i] as Set<string>)].some((x) => (sets[j] as Set<string>).has(x))) {
              sets[i] = new Set([...(sets[i] as Set<string>), ...(sets[j] as Set<string>)]);
              sets = sets.filter((_, k) => k !== j);
              changed = true;
              break outer;
            }
          }
        }
      }
      return sets.every((set) => {
        const members = [...set].sort(compareForCanonical);
        return members.every((m) => h.canonicalId(m) === members[0]);
      });
    }), { numRuns: 300 });
  });
});
