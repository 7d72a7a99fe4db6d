import type { Queryable, Tx } from '../db.ts';
import { csvField } from '../db.ts';
import { bulkLoader } from './sc-packages.ts';
import { CsvBytes } from './csv-bytes.ts';

export interface NewProductVersion {
  productName: string;
  version: string | null;
  supplierOrgId: string | null;
  supplierName: string | null;
  caseId: string | null;
  materialId: string | null;
  underSupervision: boolean;
  componentCount: number;
  at: Date;
}

/** A new product version; earlier SBOMs of the same case stop counting in impact queries. */
export async function insertProductVersion(tx: Tx, pv: NewProductVersion): Promise<number> {
  if (pv.caseId !== null) {
    await tx.query('UPDATE product_versions SET superseded_at = $2 WHERE case_id = $1 AND superseded_at IS NULL', [pv.caseId, pv.at]);
  }
  const r = await tx.query<{ id: number }>(
    `INSERT INTO product_versions (product_name, version, supplier_org_id, supplier_name, case_id, material_id, under_supervision, component_count, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [pv.productName, pv.version, pv.supplierOrgId, pv.supplierName, pv.caseId, pv.materialId, pv.underSupervision, pv.componentCount, pv.at],
  );
  return (r.rows[0] as { id: number }).id;
}

export interface PortfolioRow {
  packageId: number;
  version: string;
}

const CHUNK_ROWS = 8192;

function* componentCsv(productVersionId: number, rows: readonly PortfolioRow[]): Generator<string> {
  let buf = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as PortfolioRow;
    buf += `${r.packageId},${productVersionId},${csvField(r.version)}\n`;
    if (i % CHUNK_ROWS === CHUNK_ROWS - 1) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

/** Writes a product version's components by COPY, in the caller's transaction. */
export async function insertPortfolioComponents(tx: Tx, productVersionId: number, rows: readonly PortfolioRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  return bulkLoader(tx)('portfolio_components', ['package_id', 'product_version_id', 'version'], componentCsv(productVersionId, rows));
}

export interface VersionHolders {
  packageId: number;
  version: string;
  productVersionIds: number[];
}

/**
 * Which product versions hold these packages, grouped by the version they hold: an index-only
 * range scan per package, so its cost follows the packages' use, not the portfolio's size.
 * Superseded product versions are filtered later, on the few that match.
 */
export async function holdersOfPackages(q: Queryable, packageIds: readonly number[]): Promise<VersionHolders[]> {
  if (packageIds.length === 0) return [];
  const r = await q.query<{ package_id: number; version: string; pvs: number[] }>(
    `SELECT package_id, version, array_agg(product_version_id) AS pvs FROM portfolio_components
     WHERE package_id = ANY($1::int[]) GROUP BY package_id, version`,
    [packageIds],
  );
  return r.rows.map((row) => ({ packageId: row.package_id, version: row.version, productVersionIds: row.pvs }));
}

/** Of these product versions, the ones replaced by a later SBOM of their case (usually none). */
export async function supersededProductVersions(q: Queryable, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const r = await q.query<{ id: number }>('SELECT id FROM product_versions WHERE id = ANY($1::int[]) AND superseded_at IS NOT NULL', [ids]);
  return new Set(r.rows.map((x) => x.id));
}

/** Components listed per impact row (the first ones found); the analysis' findings and the portfolio hold them all. */
export const IMPACT_COMPONENTS_LISTED = 20;

export interface ImpactComponent {
  ecosystem: string;
  name: string;
  version: string;
}

/**
 * Records that `advisoryId` hits these product versions now; rows it no longer hits are marked
 * superseded (kept, for the supervision record). Returns the product versions newly hit.
 */
export async function recordImpacts(tx: Tx, advisoryId: string, hits: ReadonlyMap<number, ImpactComponent[]>, at: Date): Promise<{ added: number[]; superseded: number }> {
  const ids = [...hits.keys()];
  let added: number[] = [];
  if (ids.length > 0) {
    const r = await tx.query<{ pv: number; fresh: boolean }>(
      `INSERT INTO advisory_impacts (advisory_id, product_version_id, components, found_at, updated_at)
       SELECT $1, x.pv, x.c, $3, $3 FROM jsonb_to_recordset($2::jsonb) AS x(pv integer, c jsonb)
       ON CONFLICT (advisory_id, product_version_id) DO UPDATE SET components = EXCLUDED.components, updated_at = EXCLUDED.updated_at,
         found_at = CASE WHEN advisory_impacts.superseded_at IS NULL THEN advisory_impacts.found_at ELSE EXCLUDED.found_at END,
         superseded_at = NULL, superseded_reason = NULL
       RETURNING product_version_id AS pv, (xmax = 0 OR found_at = $3) AS fresh`,
      [advisoryId, JSON.stringify(ids.map((pv) => ({ pv, c: hits.get(pv) }))), at],
    );
    added = r.rows.filter((x) => x.fresh).map((x) => x.pv);
  }
  const s = await tx.query(
    `UPDATE advisory_impacts SET superseded_at = $3, superseded_reason = 'no_longer_affected', updated_at = $3
     WHERE advisory_id = $1 AND superseded_at IS NULL AND NOT (product_version_id = ANY($2::int[]))`,
    [advisoryId, ids, at],
  );
  return { added, superseded: s.rowCount };
}

/** The advisories a newly ingested product version is hit by (nothing else is touched). */
export async function recordProductImpacts(tx: Tx, productVersionId: number, hits: ReadonlyMap<string, ImpactComponent[]>, at: Date): Promise<void> {
  if (hits.size === 0) return;
  // A product version created in this transaction has no impacts yet, and every advisory id came
  // from the advisories table: the rows go in as they are.
  const ts = at.toISOString();
  const w = new CsvBytes();
  for (const [a, c] of hits) w.text(a).comma().int(productVersionId).comma().text(JSON.stringify(c)).comma().text(ts).comma().text(ts).newline();
  await bulkLoader(tx)('advisory_impacts', ['advisory_id', 'product_version_id', 'components', 'found_at', 'updated_at'], [w.take() ?? '']);
}

/** A withdrawn advisory hits nothing any more (OSV `withdrawn`); its rows stay, superseded. */
export async function supersedeImpacts(tx: Tx, advisoryId: string, at: Date): Promise<number> {
  const r = await tx.query(
    `UPDATE advisory_impacts SET superseded_at = $2, superseded_reason = 'withdrawn', updated_at = $2 WHERE advisory_id = $1 AND superseded_at IS NULL`,
    [advisoryId, at],
  );
  return r.rowCount;
}

export interface ImpactRow {
  product_version_id: number;
  product_name: string;
  version: string | null;
  supplier_name: string | null;
  case_id: string | null;
  case_ref: string | null;
  case_state: string | null;
  under_supervision: boolean;
  components: ImpactComponent[];
  found_at: Date;
  superseded_at: Date | null;
  superseded_reason: string | null;
}

export async function listImpacts(q: Queryable, advisoryId: string, includeSuperseded: boolean): Promise<ImpactRow[]> {
  return (
    await q.query<ImpactRow>(
      `SELECT i.product_version_id, pv.product_name, pv.version, pv.supplier_name, pv.case_id, c.ref AS case_ref, c.state AS case_state,
         (pv.under_supervision OR COALESCE(c.outcome IN ('passed', 'passed_with_conditions'), false)) AS under_supervision,
         i.components, i.found_at, i.superseded_at, i.superseded_reason
       FROM advisory_impacts i JOIN product_versions pv ON pv.id = i.product_version_id LEFT JOIN cases c ON c.id = pv.case_id
       WHERE i.advisory_id = $1 AND ($2::boolean OR i.superseded_at IS NULL)
       ORDER BY i.superseded_at IS NOT NULL, under_supervision DESC, i.found_at DESC, i.product_version_id LIMIT 5000`,
      [advisoryId, includeSuperseded],
    )
  ).rows;
}
