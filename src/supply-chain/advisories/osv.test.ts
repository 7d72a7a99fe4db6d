import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AdvisoryError } from './errors.ts';
import { parseStructured, parseYamlText } from './load.ts';
import { looksLikeOsv, parseOsv } from './osv.ts';

const fixture = (rel: string): string => fileURLToPath(new URL(`./fixtures/osv/${rel}`, import.meta.url));
const load = (rel: string): unknown => {
  const path = fixture(rel);
  return parseStructured(new Uint8Array(readFileSync(path)), path, rel.endsWith('.yaml') ? 'yaml' : 'json');
};

const base = (): Record<string, unknown> => ({
  id: 'GHSA-1111-2222-3333',
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }] }],
});

describe('parseOsv on each source format', () => {
  it('reads a Go record: aliases de-duplicated and sorted, own id removed, ranges kept in order', () => {
    const a = parseOsv(load('go/GO-2099-0001.json'), 'go/GO-2099-0001.json');
    expect(a.id).toBe('GO-2099-0001');
    expect(a.aliases).toEqual(['CVE-2099-1001', 'GHSA-aaaa-bbbb-cccc']);
    expect(a.affected).toEqual([{
      ecosystem: 'Go', name: 'example.com/web/router', versions: [],
      ranges: [
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.4.2' }] },
        { type: 'SEMVER', events: [{ introduced: '2.0.0-rc.1' }, { fixed: '2.1.0' }] },
      ],
    }]);
    expect(a.source).toEqual({ format: 'osv', path: 'go/GO-2099-0001.json' });
    expect(a.withdrawn).toBeUndefined();
    expect(a.severity).toEqual([]);
  });

  it('keeps withdrawn records, flagged', () => {
    const a = parseOsv(load('go/GO-2099-0002.json'));
    expect(a.withdrawn).toBe('2024-08-21T16:25:56Z');
    expect(a.affected).toHaveLength(1);
  });

  it('reads PyPA YAML with dates as strings and unquoted versions exactly as written', () => {
    const a = parseOsv(load('pypi/example-pkg/PYSEC-2099-11.yaml'));
    expect(a.modified).toBe('2099-03-01T12:00:00.123456Z');
    expect(a.published).toBe('2099-02-28T00:00:00Z');
    expect(a.affected[0]?.ranges[0]?.events).toEqual([{ introduced: '0' }, { fixed: '1.10' }]);
    expect(a.affected[0]?.versions).toEqual(['1.0', '1.9', '1.09']);
    expect(a.affected[0]?.purl).toBe('pkg:pypi/example-pkg');
    expect(a.severity).toEqual([{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, level: 'critical' }]);
  });

  it('reads RustSec JSON without schema_version, with a CVSS v4 severity and related ids', () => {
    const a = parseOsv(load('crates/RUSTSEC-2099-0001.json'));
    expect(a.related).toEqual(['RUSTSEC-2098-0007']);
    expect(a.severity[0]).toMatchObject({ type: 'CVSS_V4', score: 9.3, level: 'critical' });
    expect(a.affected[0]).toMatchObject({ ecosystem: 'crates.io', name: 'example-crate', purl: 'pkg:cargo/example-crate' });
  });

  it('reads AlmaLinux records whose CVEs are in related and whose ecosystem carries the release', () => {
    const a = parseOsv(load('almalinux/ALSA-2099_0001.json'));
    expect(a.id).toBe('ALSA-2099:0001');
    expect(a.aliases).toEqual([]);
    expect(a.related).toEqual(['CVE-2099-1001', 'CVE-2099-3001']);
    expect(a.affected[0]).toMatchObject({ ecosystem: 'AlmaLinux:9', name: 'exampled' });
    expect(a.affected[0]?.ranges[0]?.events[1]).toEqual({ fixed: '2:1.4.2-3.el9_3.alma' });
  });

  it('turns a package-less GIT-only entry (PSF) into ecosystem GIT named by the repository', () => {
    const a = parseOsv(load('psf/PSF-2099-1.json'));
    expect(a.affected[0]).toMatchObject({ ecosystem: 'GIT', name: 'https://github.com/python/cpython' });
    expect(a.affected[0]?.ranges[0]).toMatchObject({ type: 'GIT', repo: 'https://github.com/python/cpython' });
  });

  it('merges affected-level severity into the record and drops duplicates', () => {
    const r = base();
    const sev = { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N' };
    (r.affected as Record<string, unknown>[])[0]!.severity = [sev];
    r.severity = [sev];
    expect(parseOsv(r).severity).toEqual([{ type: 'CVSS_V3', vector: sev.score, score: 5.3, level: 'medium' }]);
  });

  it('treats null aliases/affected/references as empty, as the schema allows', () => {
    const a = parseOsv({ id: 'OSV-2024-1', modified: '2024-01-01T00:00:00Z', aliases: null, affected: null, references: null, severity: null });
    expect(a).toMatchObject({ aliases: [], affected: [], severity: [] });
  });
});

type Mutation = (r: Record<string, unknown>) => void;
const aff = (r: Record<string, unknown>): Record<string, unknown> => (r.affected as Record<string, unknown>[])[0] as Record<string, unknown>;
const rng = (r: Record<string, unknown>): Record<string, unknown> => (aff(r).ranges as Record<string, unknown>[])[0] as Record<string, unknown>;

describe('parseOsv refuses invalid records, naming the field', () => {
  const cases: [string, string, RegExp, Mutation][] = [
    ['missing id', '/id', /expected a string, got undefined/, (r) => { delete r.id; }],
    ['id with spaces', '/id', /not a valid OSV id/, (r) => { r.id = 'GHSA 1'; }],
    ['missing modified', '/modified', /is required/, (r) => { delete r.modified; }],
    ['modified as a date only', '/modified', /not an RFC 3339 timestamp/, (r) => { r.modified = '2024-01-01'; }],
    ['modified as a YAML date object', '/modified', /expected a string, got object/, (r) => { r.modified = new Date(0); }],
    ['aliases not an array', '/aliases', /expected an array or null, got string/, (r) => { r.aliases = 'CVE-2024-1'; }],
    ['alias not a string', '/aliases/1', /expected a string, got number/, (r) => { r.aliases = ['CVE-2024-1', 7]; }],
    ['affected entry not an object', '/affected/0', /expected an object, got string/, (r) => { r.affected = ['npm']; }],
    ['package without name', '/affected/0/package/name', /expected a string/, (r) => { delete (aff(r).package as Record<string, unknown>).name; }],
    ['empty ecosystem', '/affected/0/package/ecosystem', /must not be empty/, (r) => { (aff(r).package as Record<string, unknown>).ecosystem = ' '; }],
    ['purl that is not one', '/affected/0/package/purl', /not a package URL/, (r) => { (aff(r).package as Record<string, unknown>).purl = 'npm/left-pad'; }],
    ['unknown range type', '/affected/0/ranges/0/type', /"SEMVER2" is not a range type/, (r) => { rng(r).type = 'SEMVER2'; }],
    ['GIT range without repo', '/affected/0/ranges/0/repo', /is required for a GIT range/, (r) => { rng(r).type = 'GIT'; }],
    ['empty events', '/affected/0/ranges/0/events', /must not be empty/, (r) => { rng(r).events = []; }],
    ['no introduced event', '/affected/0/ranges/0/events', /must contain an "introduced" event/, (r) => { rng(r).events = [{ fixed: '1.0.0' }]; }],
    ['event with two keys', '/affected/0/ranges/0/events/0', /has introduced and fixed/, (r) => { rng(r).events = [{ introduced: '0', fixed: '1.0' }]; }],
    ['event with no known key', '/affected/0/ranges/0/events/1', /needs exactly one of introduced, fixed, last_affected, limit/, (r) => { rng(r).events = [{ introduced: '0' }, { patched: '1.0' }]; }],
    ['fixed together with last_affected', '/affected/0/ranges/0/events', /must not both appear/, (r) => { rng(r).events = [{ introduced: '0' }, { fixed: '1' }, { last_affected: '0.9' }]; }],
    ['numeric version (unquoted YAML in JSON clothing)', '/affected/0/ranges/0/events/1/fixed', /expected a string, got number/, (r) => { rng(r).events = [{ introduced: '0' }, { fixed: 1.1 }]; }],
    ['versions holding a number', '/affected/0/versions/1', /expected a string, got number/, (r) => { aff(r).versions = ['1.0', 2]; }],
    ['package-less non-GIT entry', '/affected/0/package', /is required unless every range is a GIT range/, (r) => { delete aff(r).package; }],
    ['invalid CVSS vector', '/severity/0/score', /missing base metrics PR, UI, S, C, I, A/, (r) => { r.severity = [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L' }]; }],
    ['CVSS vector of the wrong version', '/severity/0/score', /needs a "CVSS:4.0\/" vector/, (r) => { r.severity = [{ type: 'CVSS_V4', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }]; }],
    ['affected severity invalid', '/affected/0/severity/0/score', /expected a string, got undefined/, (r) => { aff(r).severity = [{ type: 'CVSS_V3' }]; }],
    ['references not an array', '/references', /expected an array or null, got object/, (r) => { r.references = {}; }],
    ['database_specific not an object', '/database_specific', /expected an object, got string/, (r) => { r.database_specific = 'x'; }],
  ];

  it.each(cases)('%s → %s', (_name, pointer, message, mutate) => {
    const r = base();
    mutate(r);
    let caught: unknown;
    try {
      parseOsv(r, 'advisories/x.json');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AdvisoryError);
    const e = caught as AdvisoryError;
    expect(e.pointer).toBe(pointer);
    expect(e.file).toBe('advisories/x.json');
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`advisories/x.json ${pointer}: `)).toBe(true);
  });

  it('refuses a record that is not an object at all', () => {
    expect(() => parseOsv([], 'a.json')).toThrow('a.json: expected an object, got array');
    expect(() => parseOsv(null)).toThrow('expected an object, got null');
  });
});

describe('telling OSV from other JSON', () => {
  it('recognises records by id plus an OSV field', () => {
    expect(looksLikeOsv(base())).toBe(true);
    expect(looksLikeOsv({ id: 'x', name: 'package.json' })).toBe(false);
    expect(looksLikeOsv({ bomFormat: 'CycloneDX' })).toBe(false);
    expect(looksLikeOsv([base()])).toBe(false);
  });

  it('reports YAML errors with their line', () => {
    expect(() => parseYamlText('id: A\nid: B\n', 'dup.yaml')).toThrow(/dup\.yaml: not valid YAML at line 2/);
    expect(() => parseStructured(new Uint8Array([0xff, 0xfe, 0x7b, 0x00]), 'u16.json', 'json')).toThrow(/not valid UTF-8 \(it starts with a UTF-16 LE byte-order mark\)/);
    expect(() => parseStructured(new TextEncoder().encode('{"id": "A",\n "modified": }'), 'bad.json', 'json')).toThrow('bad.json: not valid JSON: unexpected "}" where a value was expected at line 2 column 14');
  });

  it('refuses YAML alias bombs', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n');
    expect(() => parseYamlText(bomb, 'bomb.yaml')).toThrow(/alias/i);
  });
});
