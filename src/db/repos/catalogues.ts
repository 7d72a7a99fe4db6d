import type { Queryable, Tx } from '../db.ts';
import type { CatalogueHead, ClauseRow } from '../../assessment/oscal-catalog.ts';

export interface CatalogueRow extends CatalogueHead {
  oscal_version: string;
  source: 'builtin' | 'oscal_import';
  imported_by: string | null;
  clause_count: number;
}

export async function listCatalogueRows(q: Queryable): Promise<CatalogueRow[]> {
  return (
    await q.query<CatalogueRow>(
      `SELECT k.*, (SELECT count(*) FROM catalogue_clauses c WHERE c.catalogue_id = k.id)::int AS clause_count FROM catalogues k ORDER BY k.id`,
    )
  ).rows;
}

export async function findCatalogue(q: Queryable, id: string): Promise<CatalogueRow | undefined> {
  return (
    await q.query<CatalogueRow>(
      `SELECT k.*, (SELECT count(*) FROM catalogue_clauses c WHERE c.catalogue_id = k.id)::int AS clause_count FROM catalogues k WHERE k.id = $1`,
      [id],
    )
  ).rows[0];
}

export async function catalogueClauses(q: Queryable, id: string, opts: { q?: string; limit?: number; withBody?: boolean } = {}): Promise<ClauseRow[]> {
  const params: (string | number)[] = [id];
  let where = 'catalogue_id = $1';
  if (opts.q) {
    params.push(`%${opts.q.toLowerCase()}%`);
    where += ` AND (lower(clause_id) LIKE $2 OR lower(coalesce(label, '')) LIKE $2 OR lower(title) LIKE $2 OR coalesce(title_zh, '') LIKE $2)`;
  }
  const limit = opts.limit ? ` LIMIT ${Math.floor(opts.limit)}` : '';
  return (
    await q.query<ClauseRow>(
      `SELECT clause_id, parent_id, kind, label, title, title_zh, ord, ${opts.withBody ? 'body' : 'NULL::jsonb AS body'} FROM catalogue_clauses WHERE ${where} ORDER BY ord${limit}`,
      params,
    )
  ).rows;
}

export interface NewCatalogue {
  id: string;
  uuid: string;
  title: string;
  titleZh: string | null;
  version: string;
  oscalVersion: string;
  metadata: Record<string, unknown>;
  backMatter: Record<string, unknown> | null;
  importedBy: string | null;
  at: Date;
}

/** The catalogue and all its clauses in two statements: one batch insert, however many thousand clauses. */
export async function insertCatalogue(tx: Tx, c: NewCatalogue, clauses: readonly ClauseRow[]): Promise<void> {
  await tx.query(
    `INSERT INTO catalogues (id, uuid, title, title_zh, version, oscal_version, source, metadata, back_matter, imported_by, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'oscal_import', $7::jsonb, $8::jsonb, $9, $10)`,
    [c.id, c.uuid, c.title, c.titleZh, c.version, c.oscalVersion, JSON.stringify(c.metadata), c.backMatter ? JSON.stringify(c.backMatter) : null, c.importedBy, c.at],
  );
  await tx.query(
    `INSERT INTO catalogue_clauses (catalogue_id, clause_id, parent_id, kind, label, title, title_zh, ord, body)
     SELECT $1, x.clause_id, x.parent_id, x.kind, x.label, x.title, x.title_zh, x.ord, x.body
     FROM jsonb_to_recordset($2::jsonb) AS x(clause_id text, parent_id text, kind text, label text, title text, title_zh text, ord int, body jsonb)`,
    [c.id, JSON.stringify(clauses)],
  );
}

/** Which of the given (catalogue, clause) references exist. */
export async function existingClauses(q: Queryable, refs: readonly { catalogueId: string; clauseId: string }[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const r = await q.query<{ k: string }>(
    `SELECT c.catalogue_id || '#' || c.clause_id AS k FROM catalogue_clauses c
     JOIN jsonb_to_recordset($1::jsonb) AS x("catalogueId" text, "clauseId" text) ON c.catalogue_id = x."catalogueId" AND c.clause_id = x."clauseId"`,
    [JSON.stringify(refs)],
  );
  return new Set(r.rows.map((x) => x.k));
}
