import type { Queryable, SqlParam, Tx } from '../db.ts';

export interface MaterialRow {
  id: string;
  case_id: string;
  sha256: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  kind: string;
  confidential: boolean;
  authenticity_statement: string;
  uploaded_by: string;
  uploaded_at: Date;
}

export async function insertMaterial(tx: Tx, m: Omit<MaterialRow, 'uploaded_at'> & { uploaded_at: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO materials (id, case_id, sha256, filename, media_type, size_bytes, kind, confidential, authenticity_statement, uploaded_by, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [m.id, m.case_id, m.sha256, m.filename, m.media_type, m.size_bytes, m.kind, m.confidential, m.authenticity_statement, m.uploaded_by, m.uploaded_at],
  );
}

/** `insertMaterial` as the body of a CTE (RETURNING id), for a statement that writes more with it. */
export function insertMaterialSql(p: (v: SqlParam) => string, m: MaterialRow): string {
  return `INSERT INTO materials (id, case_id, sha256, filename, media_type, size_bytes, kind, confidential, authenticity_statement, uploaded_by, uploaded_at)
     VALUES (${p(m.id)}, ${p(m.case_id)}, ${p(m.sha256)}, ${p(m.filename)}, ${p(m.media_type)}, ${p(m.size_bytes)}, ${p(m.kind)}, ${p(m.confidential)}, ${p(m.authenticity_statement)}, ${p(m.uploaded_by)}, ${p(m.uploaded_at)}) RETURNING id`;
}

export async function findMaterial(q: Queryable, caseId: string, materialId: string): Promise<MaterialRow | undefined> {
  return (await q.query<MaterialRow>('SELECT * FROM materials WHERE case_id = $1 AND id = $2', [caseId, materialId])).rows[0];
}

export interface MaterialReadRow {
  seq: number;
  at: Date;
  material_id: string;
  filename: string;
  reader: string | null;
  reader_org: string | null;
  reader_user_id: string | null;
  reader_org_id: string | null;
}

/** Who read the case's confidential material, and when (Art. 12, evidence for Art. 14 complaints). */
export async function listMaterialReads(q: Queryable, caseId: string): Promise<MaterialReadRow[]> {
  return (
    await q.query<MaterialReadRow>(
      `SELECT a.seq, a.at, a.subject_id AS material_id, (a.payload::json)->'data'->>'filename' AS filename,
         u.display_name AS reader, o.name AS reader_org, u.id AS reader_user_id, o.id AS reader_org_id
       FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id LEFT JOIN organisations o ON o.id = u.org_id
       WHERE a.case_id = $1 AND a.type = 'material.read' ORDER BY a.seq DESC LIMIT 1000`,
      [caseId],
    )
  ).rows;
}
