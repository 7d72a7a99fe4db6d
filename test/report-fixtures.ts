/** A report source as the database would give it, for unit tests and the benchmark. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportSource } from '../src/db/repos/reports.ts';
import { canonicalJson } from '../src/audit/log.ts';
import { signContent } from '../src/signing/envelope.ts';
import { signingKey } from '../src/signing/keys.ts';

/** A committee key of its own, so the embedded assessment carries a real signature as it would from the database. */
const committee = signingKey(mkdtempSync(join(tmpdir(), 'nr-committee-')), 'experts_committee');
const ASSESSMENT_BODY = canonicalJson({ aggregates: { categories: { 1: { mean: 3, median: 3, min: 2, max: 4, stdDev: 0.8, dispersed: false } }, trustworthiness: { mean: 7, median: 7, min: 6, max: 8, stdDev: 0.8, dispersed: false } }, dissents: [{ text: 'dissent-secret' }] });
const ASSESSMENT_SIGNATURE = canonicalJson(signContent(ASSESSMENT_BODY, committee, 'assessment', new Date('2026-02-20T02:00:00.000Z')));

export const CONFIDENTIAL_MARKERS = ['离岸内容分发网络', 'offshore CDN', 'Sign all firmware updates', '远程维护接口', 'description-secret', 'decision-secret', 'dissent-secret'];

export function reportSource(findings = 3): ReportSource {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    ref: 'NR-2026-000042',
    regime_id: 'cn-2017-interim',
    review_round: 1,
    title: '调度网络核心路由器采购 / Core routers for the dispatch network',
    product_name: 'EdgeRouter X9',
    product_version: '4.2.1',
    description: 'description-secret: 部署于省级调度网络',
    sector: 'energy',
    system_name: 'Provincial dispatch control network',
    supplier_name: '华东网络设备有限公司',
    assessor_name: '国家网络安全测评中心',
    outcome: 'passed_with_conditions',
    decision_text: 'decision-secret: 附条件通过，须签名固件更新。',
    release_scope: { kind: 'public' },
    public_summary: 'EdgeRouter X9 4.2.1 附条件通过网络安全审查。Passed with conditions.',
    released_at: '2026-03-01T02:00:00.000Z',
    findings: Array.from({ length: findings }, (_, i) => ({
      category: (i % 5) + 1,
      severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[i % 5]!,
      title: i === 0 ? '远程维护接口未文档化 Undocumented remote maintenance interface' : `发现 ${i + 1}: 固件更新通道未签名 Unsigned firmware update channel`,
      description: `通过离岸内容分发网络分发的更新包未经签名验证。Update packages from an offshore CDN are not signature-checked (finding ${i + 1}).`,
      method: 'lab_testing',
      recorded_at: '2026-02-01T02:00:00.000Z',
    })),
    reasons: [{ articles: ['4', '6'], text: '供应链风险可控 Supply-chain risk is controllable once updates are signed.' }],
    conditions: [{ text: 'Sign all firmware updates', owner: '华东网络设备有限公司', due_date: '2026-06-30', status: 'open' }],
    assessment: {
      body: ASSESSMENT_BODY,
      signature: ASSESSMENT_SIGNATURE,
    },
  };
}
