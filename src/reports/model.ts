/**
 * The Office's security assessment report (Art. 13) as data: one document model, from which the
 * JSON file and the bilingual PDF are both produced. The public version is built by whitelisting,
 * never by deleting: a field not named here for the public cannot leak into it.
 */
import type { ReportSource } from '../db/repos/reports.ts';
import type { Outcome } from '../domain/lifecycle.ts';
import { findRegime } from '../regime/index.ts';
import type { Bilingual } from '../regime/types.ts';
import type { ReportVariant } from '../policies/index.ts';

export const REPORT_SCHEMA = 'netreview.security-assessment-report/v1';

export const OUTCOME_LABELS = {
  passed: { 'zh-CN': '通过审查', en: 'Passed' },
  passed_with_conditions: { 'zh-CN': '附条件通过审查', en: 'Passed with conditions' },
  not_passed: { 'zh-CN': '未通过审查', en: 'Not passed' },
} as const satisfies Record<Outcome, Bilingual>;

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const SEVERITY_LABELS = {
  critical: { 'zh-CN': '严重', en: 'Critical' },
  high: { 'zh-CN': '高', en: 'High' },
  medium: { 'zh-CN': '中', en: 'Medium' },
  low: { 'zh-CN': '低', en: 'Low' },
  info: { 'zh-CN': '提示', en: 'Info' },
} as const satisfies Record<(typeof SEVERITIES)[number], Bilingual>;

export interface PublicReport {
  schema: typeof REPORT_SCHEMA;
  variant: 'public';
  reportId: string;
  generatedAt: string;
  regime: { id: string; title: Bilingual };
  case: { ref: string; title: string; productName: string; productVersion: string | null; supplier: string | null };
  result: { outcome: Outcome; outcomeLabel: Bilingual; publicSummary: string | null; releasedAt: string | null };
  articlesCited: string[];
}

export interface FullReport extends Omit<PublicReport, 'variant' | 'case'> {
  variant: 'full';
  case: PublicReport['case'] & { sector: string | null; systemName: string | null; description: string; assessor: string | null; reviewRound: number };
  releaseScope: unknown;
  decision: { text: string | null; reasons: { articles: string[]; text: string }[] };
  conditions: { text: string; owner: string | null; dueDate: string; status: string }[];
  findings: {
    total: number;
    bySeverity: Record<string, number>;
    byCategory: Record<string, number>;
    categories: { id: number; label: Bilingual }[];
    items: { n: number; category: number; severity: string; title: string; description: string; method: string | null; recordedAt: string }[];
  };
  comprehensiveAssessment: { body: unknown; signature: unknown } | null;
}

export type ReportDocument = PublicReport | FullReport;

export interface ReportMeta {
  reportId: string;
  generatedAt: Date;
}

export function buildReport(src: ReportSource, variant: ReportVariant, meta: ReportMeta): ReportDocument {
  if (!src.outcome) throw new Error(`case ${src.ref} has no decision to report`);
  const profile = findRegime(src.regime_id);
  const base = {
    schema: REPORT_SCHEMA,
    reportId: meta.reportId,
    generatedAt: meta.generatedAt.toISOString(),
    regime: { id: src.regime_id, title: profile ? { ...profile.title } : { 'zh-CN': src.regime_id, en: src.regime_id } },
    result: { outcome: src.outcome, outcomeLabel: { ...OUTCOME_LABELS[src.outcome] }, publicSummary: src.public_summary, releasedAt: src.released_at },
    articlesCited: [...new Set(src.reasons.flatMap((r) => r.articles))].sort((a, b) => Number(a) - Number(b)),
  } as const;
  const publicCase = { ref: src.ref, title: src.title, productName: src.product_name, productVersion: src.product_version, supplier: src.supplier_name };
  if (variant === 'public') return { ...base, variant: 'public', case: publicCase };
  const count = (key: (f: ReportSource['findings'][number]) => string) => src.findings.reduce<Record<string, number>>((m, f) => ((m[key(f)] = (m[key(f)] ?? 0) + 1), m), {});
  return {
    ...base,
    variant: 'full',
    case: { ...publicCase, sector: src.sector, systemName: src.system_name, description: src.description, assessor: src.assessor_name, reviewRound: src.review_round },
    releaseScope: src.release_scope,
    decision: { text: src.decision_text, reasons: src.reasons },
    conditions: src.conditions.map((c) => ({ text: c.text, owner: c.owner, dueDate: c.due_date, status: c.status })),
    findings: {
      total: src.findings.length,
      bySeverity: count((f) => f.severity),
      byCategory: count((f) => String(f.category)),
      categories: (profile?.categories ?? []).map((c) => ({ id: c.id, label: { ...c.label } })),
      items: src.findings.map((f, i) => ({ n: i + 1, category: f.category, severity: f.severity, title: f.title, description: f.description, method: f.method, recordedAt: f.recorded_at })),
    },
    comprehensiveAssessment: src.assessment ? { body: JSON.parse(src.assessment.body) as unknown, signature: JSON.parse(src.assessment.signature) as unknown } : null,
  };
}
