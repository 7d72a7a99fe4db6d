import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { StageClock } from '../../src/domain/clock.ts';
import type { CaseSummary } from '../../src/web/app/types.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestDb, tempBlobDir } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildCase, buildParties, systemCtx } from '../factories.ts';
import { sessionCookie } from '../http-session.ts';

// The list page's items are JSON built by the database (CaseListRow); these tests hold that text to
// the API's shape, and the keyset cursor to the database's own precision.

let db: Db & { dispose(): Promise<void> };
let app: FastifyInstance;
let p: Parties;
let officeCookie = '';
const ids: string[] = [];

// The web app reads the page through this type: the test holds the server to it.
type Item = CaseSummary;

async function page(query: string): Promise<{ items: Item[]; nextCursor: string | null }> {
  const r = await app.inject({ method: 'GET', url: `/api/v1/cases?${query}`, headers: { cookie: officeCookie } });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  return r.json();
}

beforeAll(async () => {
  db = await openTestDb();
  const base = systemCtx(db, tempBlobDir());
  app = await buildApp({ db, blobDir: tempBlobDir(), version: 'test-version' });
  p = await buildParties(base);
  officeCookie = await sessionCookie(app, p.office);
  for (let i = 0; i < 4; i++) ids.push((await buildCase(base, p)).id);
  // Four cases inside one millisecond, 100 µs apart: a cursor rounded to milliseconds would skip three.
  for (const [i, id] of ids.entries()) {
    await db.query(`UPDATE cases SET created_at = $1::timestamptz + ($2 || ' microseconds')::interval WHERE id = $3`, ['2031-05-04T03:02:01.123Z', String(400 - i * 100), id]);
  }
  const clock: StageClock = { stage: 'determination', startedOn: '2031-05-05', dueOn: '2031-05-20', pausedOn: null, pausedWorkingDays: 0, extendedDays: 0 };
  await db.query('UPDATE cases SET clock = $1 WHERE id = $2', [JSON.stringify(clock), ids[1]!]);
});
afterAll(async () => {
  await app?.close();
  await db?.dispose();
});

describe('GET /api/v1/cases', () => {
  it('presents each item in the API’s shape, with ISO timestamps and the supplier’s name', async () => {
    const { items } = await page('limit=4');
    expect(items.map((x) => x.id)).toEqual(ids);
    const supplierName = (await db.query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [p.supplier.orgId])).rows[0]!.name;
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['clock', 'createdAt', 'id', 'origin', 'outcome', 'productName', 'ref', 'sector', 'state', 'supplierName', 'title', 'updatedAt']);
      expect(item).toMatchObject({ state: 'determination', origin: 'cii_procurement', productName: 'EdgeRouter X9', sector: 'energy', supplierName, outcome: null });
      expect(item.createdAt).toMatch(/^2031-05-04T03:02:01\.123[0-9]*(Z|[+-]\d\d:\d\d)$/);
      expect(Number.isNaN(Date.parse(item.updatedAt))).toBe(false);
    }
  });

  it('presents a running stage clock with its status, and null where a case has none', async () => {
    const { items } = await page('limit=4');
    expect(items[0]!.clock).toBeNull();
    expect(items[1]!.clock).toMatchObject({ stage: 'determination', startedOn: '2031-05-05', dueOn: '2031-05-20', status: expect.any(String), workingDaysLeft: expect.any(Number) });
  });

  it('walks keyset pages without skipping rows that share a millisecond', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { items: Item[]; nextCursor: string | null } = await page(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.items.map((x) => x.id));
      cursor = r.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(ids);
  });

  it('filters by state', async () => {
    expect((await page('state=determination&limit=10')).items).toHaveLength(4);
    expect((await page('state=closed&limit=10')).items).toEqual([]);
  });
});
