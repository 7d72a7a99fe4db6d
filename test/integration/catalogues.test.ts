import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext } from '../../src/domain/actor.ts';
import { importCatalogue } from '../../src/services/catalogues/import-catalogue.ts';
import { exportCatalogue } from '../../src/services/catalogues/export-catalogue.ts';
import { listCatalogues, listClauses } from '../../src/services/catalogues/list-catalogues.ts';
import { openTestDb } from '../db.ts';
import { buildUser, ctxFor, systemCtx } from '../factories.ts';
import { refusal } from '../factories-extra.ts';
import { catalogueFingerprint } from '../factories-assessment.ts';
import { oscalErrors } from '../oscal.ts';
import { requireSharedData, sharedPath } from '../shared-data.ts';

const NIST_FULL = 'oscal/nist-oscal-content/historical-a849dbca4649e0cc626fefdd46cf5232c8308f4c/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json';
const NIST_LOW = 'oscal/nist-oscal-content/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json';
const BUILTIN = ['gbt-22239-2019', 'gbt-32921-2016', 'gbt-35273-2020', 'gbt-36637-2018'];

let db: Db & { dispose(): Promise<void> };
let base: ActorContext;

beforeAll(async () => {
  db = await openTestDb();
  base = systemCtx(db);
});
afterAll(async () => db?.dispose());

describe('built-in catalogues (structure of four national standards)', () => {
  it('are loaded by the migrations with bilingual clause titles', async () => {
    const all = await listCatalogues(base);
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining(BUILTIN));
    for (const id of BUILTIN) {
      const { clauses } = await listClauses(base, id);
      expect(clauses.length, id).toBeGreaterThan(10);
      for (const c of clauses) {
        expect(c.title_zh, `${id} ${c.clause_id}`).toMatch(/[\u4e00-\u9fff]/);
        expect(c.label, `${id} ${c.clause_id}`).toBeTruthy();
      }
    }
    const pi = await listClauses(base, 'gbt-35273-2020', { q: '5.4' });
    expect(pi.clauses.map((c) => c.clause_id)).toContain('s5.4');
  });

  it.skipIf(!requireSharedData('built-in catalogue export'))('export as OSCAL catalogs valid against the official 1.1.2 schema, and import back unchanged', async () => {
    for (const id of BUILTIN) {
      const doc = await exportCatalogue(base, id);
      expect(oscalErrors('complete-1.1.2', doc), id).toEqual([]);
    }
    const doc = await exportCatalogue(base, 'gbt-22239-2019');
    const copyId = 'gbt-22239-2019-copy';
    const altered = { catalog: { ...doc.catalog, uuid: '0b9c0f0e-9f5b-4c43-9d51-3a4a2a1d6a01' } };
    await importCatalogue(base, { document: JSON.stringify(altered), options: { id: copyId } });
    const again = await exportCatalogue(base, copyId);
    expect(again.catalog.groups).toEqual(doc.catalog.groups);
    expect((await listClauses(base, copyId, { q: '8.1.4' })).clauses[0]).toMatchObject({ clause_id: 's8.1.4', title_zh: '安全计算环境', parent_id: 's8.1' });
  });
});

describe.skipIf(!requireSharedData('NIST SP 800-53 import'))('NIST SP 800-53 rev5 from the official OSCAL catalog', () => {
  it('imports every control and enhancement in one batch, fast', async () => {
    const bytes = readFileSync(sharedPath(NIST_FULL));
    const t0 = performance.now();
    const r = await importCatalogue(base, { document: bytes, options: { id: 'nist-sp-800-53-rev5' } });
    const ms = performance.now() - t0;
    expect(r.clauses).toBe(20 + 1189);
    // A generous bound: the machine is shared; `npm run bench -- --only=assessment` reports the figure.
    expect(ms).toBeLessThan(15_000);
    const { clauses } = await listClauses(base, 'nist-sp-800-53-rev5');
    expect(clauses.filter((c) => c.kind === 'control')).toHaveLength(1189);
    expect(clauses.find((c) => c.clause_id === 'ac-2.1')).toMatchObject({ label: 'AC-2(1)', parent_id: 'ac-2', title: 'Automated System Account Management' });
    expect(clauses.find((c) => c.clause_id === 'sr')).toMatchObject({ kind: 'group', title: 'Supply Chain Risk Management' });
  });

  it('exports a catalog that validates against the official OSCAL 1.1.2 schema and keeps every control, part and param', async () => {
    const original = JSON.parse(readFileSync(sharedPath(NIST_FULL), 'utf8'));
    const doc = await exportCatalogue(base, 'nist-sp-800-53-rev5');
    expect(oscalErrors('complete-1.1.2', doc)).toEqual([]);
    expect(doc.catalog.uuid).toBe(original.catalog.uuid);
    expect(doc.catalog.groups).toEqual(original.catalog.groups);
    expect(doc.catalog['back-matter']).toEqual(original.catalog['back-matter']);
  });

  it('imports a resolved baseline catalog of OSCAL 1.1.2', async () => {
    const r = await importCatalogue(base, { document: readFileSync(sharedPath(NIST_LOW)), options: { id: 'nist-800-53-rev5-low' } });
    expect(r.clauses).toBeGreaterThan(149);
  });
});

describe('refuses what is not an OSCAL catalog, and changes nothing', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not JSON', 'this is not json {', /not JSON/],
    ['an SSP, not a catalog', { 'system-security-plan': { uuid: '0b9c0f0e-9f5b-4c43-9d51-3a4a2a1d6a01' } }, /system-security-plan, not a catalog/],
    ['no uuid', { catalog: { metadata: { title: 't', version: '1', 'oscal-version': '1.1.2', 'last-modified': '2024-01-01T00:00:00Z' }, controls: [{ id: 'a-1', title: 'A' }] } }, /\/catalog\/uuid/],
    ['a control without a title', { catalog: { uuid: '0b9c0f0e-9f5b-4c43-9d51-3a4a2a1d6a02', metadata: { title: 't', version: '1', 'oscal-version': '1.1.2', 'last-modified': '2024-01-01T00:00:00Z' }, controls: [{ id: 'a-1' }] } }, /\/catalog\/controls\/0\/title/],
    ['an id that is not a token', { catalog: { uuid: '0b9c0f0e-9f5b-4c43-9d51-3a4a2a1d6a03', metadata: { title: 't', version: '1', 'oscal-version': '1.1.2', 'last-modified': '2024-01-01T00:00:00Z' }, controls: [{ id: '5.1', title: 'x' }] } }, /token id/],
    ['duplicate ids', { catalog: { uuid: '0b9c0f0e-9f5b-4c43-9d51-3a4a2a1d6a04', metadata: { title: 't', version: '1', 'oscal-version': '1.1.2', 'last-modified': '2024-01-01T00:00:00Z' }, controls: [{ id: 'a', title: 'x' }, { id: 'a', title: 'y' }] } }, /duplicate id "a"/],
    ['OSCAL 2', { catalog: { uuid: '0b9c0f0e-9f5b-4c43-9d51-3a4a2a1d6a05', metadata: { title: 't', version: '1', 'oscal-version': '2.0.0', 'last-modified': '2024-01-01T00:00:00Z' }, controls: [{ id: 'a', title: 'x' }] } }, /oscal-version/],
  ];
  for (const [name, doc, message] of cases) {
    it(name, async () => {
      const before = await catalogueFingerprint(db);
      const e = await refusal(importCatalogue(base, { document: typeof doc === 'string' ? doc : JSON.stringify(doc), options: { id: 'bad-one' } }));
      expect(e.code).toBe('invalid_document');
      expect(e.message).toMatch(message);
      expect(await catalogueFingerprint(db)).toEqual(before);
    });
  }

  it('refuses a second catalogue under an id already loaded', async () => {
    const doc = await exportCatalogue(base, 'gbt-32921-2016');
    const before = await catalogueFingerprint(db);
    const e = await refusal(importCatalogue(base, { document: JSON.stringify(doc), options: { id: 'gbt-36637-2018' } }));
    expect(e.code).toBe('conflict');
    expect(await catalogueFingerprint(db)).toEqual(before);
  });

  it('lets only the Office (or the platform) import; any signed-in user reads', async () => {
    const assessor = await buildUser(base, 'third_party_assessor');
    const doc = await exportCatalogue(base, 'gbt-32921-2016');
    expect((await refusal(importCatalogue(ctxFor(base, assessor), { document: JSON.stringify(doc), options: { id: 'x-copy' } }))).code).toBe('forbidden');
    expect((await refusal(listCatalogues(ctxFor(base, { kind: 'public' })))).code).toBe('unauthenticated');
    expect((await listCatalogues(ctxFor(base, assessor))).length).toBeGreaterThanOrEqual(4);
  });
});
