import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import type { Advisory } from '../model.ts';
import { importAdvisories, mergeAdvisories, readAdvisoryFiles } from './import.ts';
import { isMatchable } from './index.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/osv', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'netreview-adv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();
}
function zipOf(dir: string): Uint8Array {
  return zipSync(Object.fromEntries(filesUnder(dir).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))])));
}
const withoutPaths = (list: Advisory[]): Advisory[] => list.map((a) => ({ ...a, source: { format: a.source.format } }));

describe('importing a directory tree', () => {
  it('imports every advisory, skips and counts the rest by reason', async () => {
    const r = await importAdvisories(FIXTURES);
    expect(r.advisories.map((a) => a.id)).toEqual([
      'ALSA-2099:0001', 'ALSA-2099:0002', 'GO-2099-0001', 'GO-2099-0002', 'PSF-2099-1', 'PYSEC-2099-11', 'RUSTSEC-2099-0001',
    ]);
    expect(r.errors).toEqual([]);
    expect(r.skipped.map((s) => [relative(FIXTURES, s.path), s.reason])).toEqual([
      ['.hidden', 'hidden'],
      ['LICENSE', 'documentation'],
      ['NOTICES', 'documentation'],
      ['README.md', 'documentation'],
      ['meta/empty.json', 'empty'],
      ['meta/source.json', 'not-an-advisory'],
    ]);
    expect(r.counts).toMatchObject({
      files: 13, records: 7, advisories: 7, superseded: 0, withdrawn: 1, errors: 0,
      skipped: { documentation: 3, hidden: 1, empty: 1, 'not-an-advisory': 1, 'unsupported-file-type': 0, 'symlinked-directory': 0 },
      byEcosystem: { AlmaLinux: 2, GIT: 1, Go: 2, PyPI: 1, 'crates.io': 1 },
    });
    // GO-2099-0001 + RUSTSEC (via GHSA) + ALSA-0001 coverage of CVE-2099-1001; ALSA-0002 ~ CVE-2099-2001 ~ PYSEC.
    expect(r.groups.canonicalId('RUSTSEC-2099-0001')).toBe('CVE-2099-1001');
    expect(r.groups.canonicalId('ALSA-2099:0002')).toBe('CVE-2099-2001');
    expect(r.groups.same('PYSEC-2099-11', 'ALSA-2099:0002')).toBe(true);
    expect(r.counts.aliasGroups).toBe(5);
    expect(r.counts.vulnerabilities).toBe(5);
  });

  it('flags withdrawn advisories and keeps them out of matching', async () => {
    const r = await importAdvisories(FIXTURES);
    const withdrawn = r.advisories.filter((a) => !isMatchable(a));
    expect(withdrawn.map((a) => a.id)).toEqual(['GO-2099-0002']);
    expect(isMatchable({ ...withdrawn[0] as Advisory, withdrawn: '2999-01-01T00:00:00Z' }, new Date('2100-01-01T00:00:00Z'))).toBe(true);
  });

  it('is idempotent: the same data twice gives identical results', async () => {
    const a = await importAdvisories(FIXTURES);
    const b = await importAdvisories(FIXTURES);
    expect(b.advisories).toEqual(a.advisories);
    expect(b.counts).toEqual(a.counts);
    const merged = mergeAdvisories(a.advisories, b.advisories);
    expect(merged.advisories).toEqual(a.advisories);
    expect(merged).toMatchObject({ added: [], updated: [], stale: [] });
    expect(merged.unchanged).toHaveLength(7);
  });

  it('keeps the newer `modified` for one id, whatever the file order', async () => {
    const dir = join(tmp, 'versions');
    mkdirSync(dir, { recursive: true });
    const rec = (modified: string, fixed: string): string => JSON.stringify({
      id: 'GHSA-9999-8888-7777', modified,
      affected: [{ package: { ecosystem: 'npm', name: 'pkg' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }],
    });
    writeFileSync(join(dir, 'a-new.json'), rec('2024-06-01T00:00:00Z', '2.0.0'));
    writeFileSync(join(dir, 'b-old.json'), rec('2024-01-01T00:00:00Z', '1.0.0'));
    writeFileSync(join(dir, 'c-newest.json'), rec('2024-06-01T00:00:01Z', '2.0.1'));
    const r = await importAdvisories(dir);
    expect(r.advisories).toHaveLength(1);
    expect(r.advisories[0]?.affected[0]?.ranges[0]?.events[1]).toEqual({ fixed: '2.0.1' });
    expect(r.counts.superseded).toBe(2);

    const older = (await importAdvisories(join(dir, 'b-old.json'))).advisories;
    const merged = mergeAdvisories(older, r.advisories);
    expect(merged.updated).toEqual(['GHSA-9999-8888-7777']);
    expect(mergeAdvisories(r.advisories, older).stale).toEqual(['GHSA-9999-8888-7777']);
  });

  it('reports each bad file with its place and goes on with the rest', async () => {
    const dir = join(tmp, 'bad');
    cpSync(FIXTURES, dir, { recursive: true });
    writeFileSync(join(dir, 'go/GO-2099-0009.json'), '{"id": "GO-2099-0009", "modified": "2099-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "Go"}}]}');
    writeFileSync(join(dir, 'go/truncated.json'), '{"id": "GO-2099-0010", "modif');
    writeFileSync(join(dir, 'notes.csv'), 'a,b\n');
    const r = await importAdvisories(dir);
    expect(r.advisories).toHaveLength(7);
    expect(r.errors).toEqual([
      { path: join(dir, 'go/GO-2099-0009.json'), message: `${join(dir, 'go/GO-2099-0009.json')} /affected/0/package/name: expected a string, got undefined` },
      { path: join(dir, 'go/truncated.json'), message: `${join(dir, 'go/truncated.json')}: not valid JSON: string opened here is never closed (truncated?) at line 1 column 24` },
    ]);
    expect(r.counts.skipped['unsupported-file-type']).toBe(1);
  });

  it('reads single files, lists of records and osv.dev answers', async () => {
    const one = await importAdvisories(join(FIXTURES, 'pypi/example-pkg/PYSEC-2099-11.yaml'));
    expect(one.advisories.map((a) => a.id)).toEqual(['PYSEC-2099-11']);
    const list = join(tmp, 'all.json');
    writeFileSync(list, JSON.stringify([
      { id: 'OSV-2024-1', modified: '2024-01-01T00:00:00Z' },
      { id: 'OSV-2024-2', modified: '2024-01-01T00:00:00Z', aliases: ['CVE-2024-2'] },
    ]));
    expect((await importAdvisories(list)).advisories.map((a) => a.source.path)).toEqual([`${list}#/0`, `${list}#/1`]);
    const api = join(tmp, 'query.json');
    writeFileSync(api, JSON.stringify({ vulns: [{ id: 'OSV-2024-3', modified: '2024-01-01T00:00:00Z' }] }));
    expect((await importAdvisories(api)).advisories.map((a) => a.id)).toEqual(['OSV-2024-3']);
    await expect(importAdvisories(join(tmp, 'missing'))).rejects.toThrow(/missing: no such file or directory/);
  });

  it('imports CSAF advisories found in a tree; documents about one CVE do not replace each other', async () => {
    const r = await importAdvisories(fileURLToPath(new URL('./fixtures/csaf', import.meta.url)));
    expect(r.errors).toEqual([]);
    expect(r.advisories.map((a) => a.id)).toEqual([
      'EXAMPLE-SA-2021-0007#CVE-2021-44228', 'EXAMPLE-SA-2021-0007#CVE-2021-45046',
      'EXAMPLE-VEX-2021-0007#CVE-2021-44228', 'EXAMPLE-VEX-2021-0007#CVE-2021-45105',
    ]);
    expect(r.advisories.every((a) => a.source.format === 'csaf')).toBe(true);
    expect(r.groups.canonicalId('EXAMPLE-VEX-2021-0007#CVE-2021-44228')).toBe('CVE-2021-44228');
    expect(r.groups.same('EXAMPLE-SA-2021-0007#CVE-2021-44228', 'EXAMPLE-VEX-2021-0007#CVE-2021-44228')).toBe(true);
    expect(r.counts.vulnerabilities).toBe(3);
  });

  it('reports progress up to the total and streams records as it goes', async () => {
    const seen: [number, number][] = [];
    const streamed: string[] = [];
    await importAdvisories(FIXTURES, { onProgress: (d, t) => seen.push([d, t]), onAdvisory: (a) => streamed.push(a.id) });
    expect(seen.map(([d]) => d)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.at(-1)).toEqual([13, 13]);
    expect(streamed.sort()).toHaveLength(7);
    const kinds: string[] = [];
    for await (const o of readAdvisoryFiles(FIXTURES)) kinds.push(o.kind);
    expect(kinds.filter((k) => k === 'advisories')).toHaveLength(7);
  });
});

describe('importing a zip', () => {
  it('gives the same advisories as the directory it was made from', async () => {
    const path = join(tmp, 'osv.zip');
    writeFileSync(path, zipOf(FIXTURES));
    const fromZip = await importAdvisories(path);
    const fromDir = await importAdvisories(FIXTURES);
    expect(withoutPaths(fromZip.advisories)).toEqual(withoutPaths(fromDir.advisories));
    expect(fromZip.advisories[0]?.source.path).toBe(`${path}!almalinux/ALSA-2099_0001.json`);
    expect(fromZip.counts.skipped).toEqual(fromDir.counts.skipped);
    expect(fromZip.errors).toEqual([]);
  });

  const bombDir = (): string => {
    const dir = join(tmp, `zips-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    return dir;
  };
  const good = strToU8(JSON.stringify({ id: 'OSV-2024-9', modified: '2024-01-01T00:00:00Z' }));

  it('refuses an archive whose entries declare too much, before inflating anything', async () => {
    const dir = bombDir();
    writeFileSync(join(dir, 'big.zip'), zipSync({ 'a.json': good, 'b.json': new Uint8Array(5000).fill(0x20) }));
    const r = await importAdvisories(dir, { zipLimits: { maxEntryBytes: 1000 } });
    expect(r.advisories).toEqual([]);
    expect(r.errors[0]?.message).toMatch(/zip bomb guard: entry "b.json" declares 5000 bytes, more than the per-entry limit of 1000/);
    const total = await importAdvisories(dir, { zipLimits: { maxTotalBytes: 3000 } });
    expect(total.errors[0]?.message).toMatch(/entries declare more than 3000 bytes in total/);
    const count = await importAdvisories(dir, { zipLimits: { maxEntries: 1 } });
    expect(count.errors[0]?.message).toMatch(/2 entries, more than the limit of 1/);
  });

  it('refuses entries that inflate at bomb ratios', async () => {
    const dir = bombDir();
    writeFileSync(join(dir, 'ratio.zip'), zipSync({ 'a.json': good, 'zeros.json': new Uint8Array(4 * 1024 * 1024) }, { level: 9 }));
    const r = await importAdvisories(dir);
    expect(r.advisories).toEqual([]);
    expect(r.errors[0]?.message).toMatch(/entry "zeros.json" inflates \d+:1, above the limit of 200:1/);
  });

  it('stops inflating an entry whose header lies about its size, and refuses the archive', async () => {
    const zip = zipSync({ 'a.json': good, 'lie.json': new Uint8Array(200_000).fill(0x20) });
    const view = new DataView(zip.buffer);
    for (let i = 0; i + 4 <= zip.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50 && view.getUint32(i + 22, true) === 200_000) view.setUint32(i + 22, 100, true);
      if (sig === 0x02014b50 && view.getUint32(i + 24, true) === 200_000) view.setUint32(i + 24, 100, true);
    }
    const dir = bombDir();
    writeFileSync(join(dir, 'lie.zip'), zip);
    const r = await importAdvisories(dir);
    expect(r.advisories).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(/archive refused: .*lie\.zip!lie\.json: zip bomb guard: entry inflates past the 100 bytes its header declares/);
  });

  it('reports a corrupt entry and keeps the sound ones', async () => {
    const zip = zipSync({ 'a.json': good, 'b.json': [strToU8('{"id":"OSV-2024-10","modified":"2024-01-01T00:00:00Z"}'), { level: 0 }] });
    const at = Buffer.from(zip).indexOf('OSV-2024-10');
    zip[at] = 'X'.charCodeAt(0);
    const dir = bombDir();
    writeFileSync(join(dir, 'crc.zip'), zip);
    const r = await importAdvisories(dir);
    expect(r.advisories.map((a) => a.id)).toEqual(['OSV-2024-9']);
    expect(r.errors[0]?.message).toMatch(/crc\.zip!b\.json: CRC-32 mismatch/);
    writeFileSync(join(dir, 'crc.zip'), zip.subarray(0, zip.length - 30));
    expect((await importAdvisories(dir)).errors[0]?.message).toMatch(/not a zip archive|central directory/);
  });
});
