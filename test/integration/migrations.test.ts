import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/db/migrate.ts';
import { listFindings } from '../../src/db/repos/sbom-analyses.ts';
import { openEmptyTestDb } from '../db.ts';

describe('migration 0007: findings stored by runs', () => {
  it('carries findings stored one row each over into runs, with seqs, fixes and suppressions as they were', async () => {
    const db = await openEmptyTestDb();
    try {
      await migrate(
        db,
        loadMigrations().filter((m) => m.id < '0007'),
      );
      const id = randomUUID();
      await db.query(`INSERT INTO sbom_analyses (id, state, format) VALUES ($1, 'succeeded', 'CycloneDX')`, [id]);
      await db.query(
        `INSERT INTO sbom_analysis_components (analysis_id, seq, ref, purl, name, version, ecosystem, path, depth, direct, category) VALUES
           ($1, 1, 'a', 'pkg:npm/a@1.0.0', 'a', '1.0.0', 'npm', '{"refs":["root","a"],"names":["root","a"]}', 1, true, 2),
           ($1, 2, 'b', NULL, 'b', '2.0.0', 'npm', NULL, NULL, false, 1),
           ($1, 3, 'c', 'pkg:npm/c@3.0.0', 'c', '3.0.0', 'npm', '{"refs":["root","a","c"],"names":["root","a","c"]}', 2, false, 2)`,
        [id],
      );
      await db.query(
        `INSERT INTO sbom_analysis_vulnerabilities (analysis_id, seq, advisory_id, aliases, severity, score, vector) VALUES
           ($1, 1, 'GHSA-aaaa-bbbb-cccc', '{CVE-2024-1}', 'high', 7.5, NULL), ($1, 2, 'GHSA-dddd-eeee-ffff', '{}', 'low', NULL, NULL)`,
        [id],
      );
      const key = (await db.query<{ findings_key: number }>('SELECT findings_key FROM sbom_analyses WHERE id = $1', [id])).rows[0]!.findings_key;
      const suppression = { status: 'not_affected', justification: 'code_not_reachable', impactStatement: null, vulnerability: 'GHSA-dddd-eeee-ffff', source: 'cyclonedx-vex' };
      // Vulnerability 1 in two runs (seq 1–2 and 5), vulnerability 2 in one (3–4), one finding suppressed.
      await db.query(
        `INSERT INTO supply_chain_findings (analysis_key, seq, component_seq, vulnerability_seq, fixed_version, suppressed) VALUES
           ($1, 1, 1, 1, '1.0.1', NULL), ($1, 2, 2, 1, NULL, NULL), ($1, 3, 1, 2, '1.2.0', NULL), ($1, 4, 3, 2, NULL, $2::jsonb), ($1, 5, 3, 1, '3.0.1', NULL)`,
        [key, JSON.stringify(suppression)],
      );

      await migrate(db);
      const runs = (await db.query<{ first_seq: number; last_seq: number; vulnerability_seq: number }>('SELECT first_seq, last_seq, vulnerability_seq FROM sbom_finding_runs ORDER BY last_seq')).rows;
      expect(runs).toEqual([
        { first_seq: 1, last_seq: 2, vulnerability_seq: 1 },
        { first_seq: 3, last_seq: 4, vulnerability_seq: 2 },
        { first_seq: 5, last_seq: 5, vulnerability_seq: 1 },
      ]);
      const all = await listFindings(db, id, { afterSeq: 0, limit: 10 });
      expect(all.map((f) => [f.seq, f.component_ref, f.advisory_id, f.fixed_version, f.suppressed])).toEqual([
        [1, 'a', 'GHSA-aaaa-bbbb-cccc', '1.0.1', null],
        [2, 'b', 'GHSA-aaaa-bbbb-cccc', null, null],
        [3, 'a', 'GHSA-dddd-eeee-ffff', '1.2.0', null],
        [4, 'c', 'GHSA-dddd-eeee-ffff', null, suppression],
        [5, 'c', 'GHSA-aaaa-bbbb-cccc', '3.0.1', null],
      ]);
      expect(all[0]).toMatchObject({ purl: 'pkg:npm/a@1.0.0', path: { refs: ['root', 'a'], names: ['root', 'a'] }, depth: 1, direct: true, category: 2, aliases: ['CVE-2024-1'], severity: 'high', score: 7.5 });
      // A cursor inside a run, and the filters.
      expect((await listFindings(db, id, { afterSeq: 1, limit: 2 })).map((f) => f.seq)).toEqual([2, 3]);
      expect((await listFindings(db, id, { afterSeq: 0, limit: 10, severity: 'low' })).map((f) => f.seq)).toEqual([3, 4]);
      expect((await listFindings(db, id, { afterSeq: 0, limit: 10, category: 1 })).map((f) => f.seq)).toEqual([2]);
      const gone = (await db.query<{ t: string | null }>("SELECT to_regclass('supply_chain_findings')::text AS t UNION ALL SELECT to_regclass('sbom_analysis_components')::text")).rows;
      expect(gone).toEqual([{ t: null }, { t: null }]);
    } finally {
      await db.dispose();
    }
  }, 60_000);
});
