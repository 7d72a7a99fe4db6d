import type { Queryable, Tx } from '../db.ts';
import { normalizePackageName } from '../../supply-chain/ecosystems.ts';

/** A package as the portfolio and the advisory index key it: ecosystem and normalised name. */
export interface PackageRef {
  ecosystem: string;
  name: string;
}

export function packageRefKey(ecosystem: string, name: string): string {
  return `${ecosystem}\u0000${name}`;
}

/** Distinct (ecosystem, normalised name) pairs, sorted so concurrent writers lock in one order. */
export function distinctPackages(pairs: Iterable<{ ecosystem: string; name: string }>): PackageRef[] {
  const seen = new Map<string, PackageRef>();
  for (const p of pairs) {
    const name = normalizePackageName(p.ecosystem, p.name);
    const k = packageRefKey(p.ecosystem, name);
    if (!seen.has(k)) seen.set(k, { ecosystem: p.ecosystem, name });
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** Interns the packages (creating missing ones) and answers key → id. Names must already be normalised. */
export async function internPackages(tx: Tx, packages: readonly PackageRef[]): Promise<Map<string, number>> {
  const out = await findPackages(tx, packages);
  // Most packages of a new SBOM are known already: only the rest is written.
  const missing = packages.filter((p) => !out.has(packageRefKey(p.ecosystem, p.name)));
  if (missing.length === 0) return out;
  const ecos = missing.map((p) => p.ecosystem);
  const names = missing.map((p) => p.name);
  await tx.query('INSERT INTO sc_packages (ecosystem, name) SELECT e, n FROM unnest($1::text[], $2::text[]) AS u(e, n) ON CONFLICT DO NOTHING', [ecos, names]);
  for (const [k, id] of await findPackages(tx, missing)) out.set(k, id);
  return out;
}

/** Ids of the packages that exist already (no writes). */
export async function findPackages(q: Queryable, packages: readonly PackageRef[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (packages.length === 0) return out;
  const r = await q.query<{ id: number; ecosystem: string; name: string }>(
    'SELECT p.id, p.ecosystem, p.name FROM sc_packages p JOIN unnest($1::text[], $2::text[]) AS u(e, n) ON p.ecosystem = u.e AND p.name = u.n',
    [packages.map((p) => p.ecosystem), packages.map((p) => p.name)],
  );
  for (const row of r.rows) out.set(packageRefKey(row.ecosystem, row.name), row.id);
  return out;
}

/** A PostgreSQL array literal of texts, for COPY (every element quoted, so commas and braces are safe; null is NULL). */
export function pgTextArray(items: readonly (string | null)[]): string {
  return `{${items.map((s) => (s === null ? 'NULL' : `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

/** The transaction's COPY: bulk writes of the ingest go through it, so they commit or roll back with the rest. */
export function bulkLoader(tx: Tx): NonNullable<Tx['copyFrom']> {
  const copy = tx.copyFrom;
  if (!copy) throw new Error('bulk load needs a full transaction (COPY), not a one-statement one');
  return copy.bind(tx);
}
