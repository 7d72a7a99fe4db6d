import type { Queryable, Tx } from '../db.ts';
import type { Advisory } from '../../supply-chain/model.ts';
import { highestSeverity } from '../../supply-chain/advisories/index.ts';
import type { PackageRef } from './sc-packages.ts';
import { distinctPackages, internPackages, packageRefKey } from './sc-packages.ts';

export type AdvisoryChange = 'new' | 'changed' | 'unchanged';

export interface StoredAdvisory {
  advisory: Advisory;
  change: AdvisoryChange;
  /** Packages the advisory names now, with their interned ids. */
  packages: (PackageRef & { id: number })[];
}

function isoOrNull(s: string | undefined): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function packagesOf(a: Advisory): PackageRef[] {
  return distinctPackages((a.affected ?? []).filter((p) => p.ecosystem && p.name).map((p) => ({ ecosystem: p.ecosystem, name: p.name })));
}

const BATCH = 500;

/**
 * Stores advisories by canonical id. A record whose digest is already stored is left alone
 * (re-import is idempotent); a new or changed one is written with the packages it names.
 */
export async function upsertAdvisories(tx: Tx, items: readonly { advisory: Advisory; digest: string }[], now: Date): Promise<StoredAdvisory[]> {
  const out: StoredAdvisory[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    const batch = items.slice(i, i + BATCH);
    const prior = new Map(
      (await tx.query<{ id: string; digest: string }>('SELECT id, digest FROM advisories WHERE id = ANY($1::text[])', [batch.map((b) => b.advisory.id)])).rows.map(
        (r) => [r.id, r.digest] as const,
      ),
    );
    const writes = batch.filter((b) => prior.get(b.advisory.id) !== b.digest);
    for (const b of batch) if (prior.get(b.advisory.id) === b.digest) out.push({ advisory: b.advisory, change: 'unchanged', packages: [] });
    if (writes.length === 0) continue;
    const rows = writes.map(({ advisory: a, digest }) => {
      const sev = highestSeverity(a.severity);
      return {
        id: a.id,
        aliases: a.aliases,
        summary: a.summary ?? null,
        severity: sev?.level ?? null,
        score: sev?.score ?? null,
        published: isoOrNull(a.published),
        modified: isoOrNull(a.modified),
        withdrawn: isoOrNull(a.withdrawn),
        digest,
        osv: a,
      };
    });
    await tx.query(
      `INSERT INTO advisories (id, aliases, summary, severity, score, published, modified, withdrawn, digest, osv, imported_at, updated_at)
       SELECT x.id, ARRAY(SELECT jsonb_array_elements_text(x.aliases)), x.summary, x.severity, x.score, x.published, x.modified, x.withdrawn, x.digest, x.osv, $2, $2
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, aliases jsonb, summary text, severity text, score real, published timestamptz, modified timestamptz, withdrawn timestamptz, digest text, osv jsonb)
       ON CONFLICT (id) DO UPDATE SET aliases = EXCLUDED.aliases, summary = EXCLUDED.summary, severity = EXCLUDED.severity, score = EXCLUDED.score,
         published = EXCLUDED.published, modified = EXCLUDED.modified, withdrawn = EXCLUDED.withdrawn, digest = EXCLUDED.digest, osv = EXCLUDED.osv, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(rows), now],
    );
    const perAdvisory = writes.map((w) => packagesOf(w.advisory));
    const ids = await internPackages(tx, distinctPackages(perAdvisory.flat()));
    const pairs: { a: string; p: number }[] = [];
    writes.forEach((w, j) => {
      const pkgs = (perAdvisory[j] as PackageRef[]).map((p) => ({ ...p, id: ids.get(packageRefKey(p.ecosystem, p.name)) as number }));
      for (const p of pkgs) pairs.push({ a: w.advisory.id, p: p.id });
      out.push({ advisory: w.advisory, change: prior.has(w.advisory.id) ? 'changed' : 'new', packages: pkgs });
    });
    await tx.query('DELETE FROM advisory_packages WHERE advisory_id = ANY($1::text[])', [writes.map((w) => w.advisory.id)]);
    await tx.query('INSERT INTO advisory_packages (package_id, advisory_id) SELECT p, a FROM unnest($1::int[], $2::text[]) AS u(p, a) ON CONFLICT DO NOTHING', [
      pairs.map((x) => x.p),
      pairs.map((x) => x.a),
    ]);
  }
  return out;
}

/** The advisories (not withdrawn) that name any of these packages: what an SBOM's matching needs, nothing more. */
export async function advisoriesForPackages(q: Queryable, packages: readonly PackageRef[]): Promise<Advisory[]> {
  if (packages.length === 0) return [];
  const r = await q.query<{ osv: Advisory | string }>(
    `SELECT a.osv FROM advisories a
     WHERE a.withdrawn IS NULL AND a.id IN (
       SELECT ap.advisory_id FROM advisory_packages ap
       JOIN sc_packages p ON p.id = ap.package_id
       JOIN unnest($1::text[], $2::text[]) AS u(e, n) ON p.ecosystem = u.e AND p.name = u.n)`,
    [packages.map((p) => p.ecosystem), packages.map((p) => p.name)],
  );
  return r.rows.map((row) => (typeof row.osv === 'string' ? (JSON.parse(row.osv) as Advisory) : row.osv));
}

export interface AdvisorySummaryRow {
  id: string;
  aliases: string[];
  summary: string | null;
  severity: string | null;
  score: number | null;
  modified: Date | null;
  withdrawn: Date | null;
}

export async function findAdvisory(q: Queryable, idOrAlias: string): Promise<AdvisorySummaryRow | undefined> {
  return (
    await q.query<AdvisorySummaryRow>(
      `SELECT id, aliases, summary, severity, score, modified, withdrawn FROM advisories
       WHERE id = $1 OR aliases @> ARRAY[$1]::text[] ORDER BY (id = $1) DESC, id LIMIT 1`,
      [idOrAlias],
    )
  ).rows[0];
}
