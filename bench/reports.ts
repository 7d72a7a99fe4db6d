/**
 * Report figures (issue 5, Art. 13): `report_pdf_ms` — the full, signed PDF of a decided case with
 * 500 findings, from the database read to the sealed bytes (median of 5 after a first, cold run
 * that parses the CJK fonts: `report_pdf_cold_ms`) — and `report_verify_ms`, offline verification
 * of that file (median of 20). BENCH_REPORT_FINDINGS changes the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PgliteDb } from '../src/db/pglite.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadTemplate } from '../src/db/template.ts';
import type { Db } from '../src/db/db.ts';
import { loadReportSource } from '../src/db/repos/reports.ts';
import { buildReport } from '../src/reports/model.ts';
import { renderReportPdf } from '../src/reports/pdf.ts';
import { sealPdf, verifyReportFile } from '../src/reports/signed-file.ts';
import { signingKey } from '../src/signing/keys.ts';
import { percentile, round, timeIt } from './stats.ts';

async function seedDecidedCase(db: Db, findings: number): Promise<string> {
  const [supplier, assessor, office, user] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await db.query(`INSERT INTO organisations (id, kind, name) VALUES ($1, 'supplier', '华东网络设备有限公司 bench'), ($2, 'third_party_assessor', '国家网络安全测评中心 bench'), ($3, 'review_office', 'Office bench')`, [supplier, assessor, office]);
  await db.query(`INSERT INTO users (id, org_id, username, display_name) VALUES ($1, $2, 'bench-assessor', '评估员')`, [user, assessor]);
  const caseId = randomUUID();
  await db.query(
    `INSERT INTO cases (id, ref, regime_id, state, origin, title, product_name, product_version, description, sector, supplier_org_id, assessor_org_id, outcome, decision_text, release_scope, public_summary, released_at)
     VALUES ($1, 'NR-2026-900001', 'cn-2017-interim', 'released', 'national_requirement', '调度网络核心路由器 / Core routers', 'EdgeRouter X9', '4.2.1', '部署于省级调度网络。', 'energy', $2, $3,
       'passed_with_conditions', '附条件通过：固件更新须签名。Passed on condition that firmware updates are signed.', '{"kind":"public"}', '附条件通过网络安全审查。', now())`,
    [caseId, supplier, assessor],
  );
  await db.query(
    `INSERT INTO findings (id, case_id, category, severity, title, description, method, recorded_by, recorded_at)
     SELECT gen_random_uuid(), $1, 1 + (i % 5), (ARRAY['critical','high','medium','low','info'])[1 + (i % 5)],
       '发现 ' || i || '：固件更新通道未签名 Unsigned firmware update channel',
       '通过离岸内容分发网络分发的更新包未经签名验证，存在被篡改的风险。Update packages from an offshore CDN are not signature-checked; they can be tampered with in transit. (' || i || ')',
       'lab_testing', $2, now() + i * interval '1 second'
     FROM generate_series(1, $3::int) AS i`,
    [caseId, user, findings],
  );
  await db.query(`INSERT INTO decision_reasons (case_id, review_round, position, articles, text) VALUES ($1, 1, 0, '["4","6"]', '供应链风险可控 Supply-chain risk is controllable.')`, [caseId]);
  return caseId;
}

export async function benchReports(opts: { log: (s: string) => void }): Promise<Record<string, number>> {
  const findings = Number(process.env.BENCH_REPORT_FINDINGS ?? 500);
  const dir = mkdtempSync(join(tmpdir(), 'netreview-bench-reports-'));
  const db = await PgliteDb.open({ loadDataDir: await loadTemplate() });
  try {
    await migrate(db);
    const caseId = await seedDecidedCase(db, findings);
    const key = signingKey(join(dir, 'keys'), 'review_office');
    const once = async () => {
      const src = (await loadReportSource(db, caseId))!;
      const at = new Date();
      return sealPdf(await renderReportPdf(buildReport(src, 'full', { reportId: randomUUID(), generatedAt: at })), key, at);
    };
    const cold = await timeIt(once);
    const warm: number[] = [];
    let pdf = cold.value;
    for (let i = 0; i < 5; i++) {
      const r = await timeIt(once);
      warm.push(r.ms);
      pdf = r.value;
    }
    const trusted = new Map([[key.keyId, key.publicKey]]);
    const verify: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      verifyReportFile(pdf, trusted);
      verify.push(performance.now() - t);
    }
    const out = {
      report_findings: findings,
      report_pdf_ms: percentile(warm, 50),
      report_pdf_cold_ms: round(cold.ms),
      report_pdf_bytes: pdf.length,
      report_verify_ms: percentile(verify, 50),
    };
    opts.log(`[bench] reports: ${JSON.stringify(out)}`);
    return out;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
