/**
 * The audit event catalogue. Every state change and every read of confidential material is one of
 * these, written in the same transaction as the change it records.
 */
import type { CaseState } from '../domain/lifecycle.ts';

export interface AuditEventMap {
  'organisation.created': { name: string; kind: string; sector: string | null };
  'user.created': { username: string; orgId: string };
  'user.signed_in': { method: 'password' };
  'user.signed_out': Record<string, never>;
  'api_token.created': { tokenId: string; name: string };
  'case.created': { ref: string; action: string; state: CaseState; origin: string; regimeId: string; articles: string[] };
  'case.transitioned': {
    ref: string;
    action: string;
    from: CaseState;
    to: CaseState;
    articles: string[];
    note?: string;
    detail?: Record<string, unknown>;
  };
  'material.uploaded': { materialId: string; sha256: string; filename: string; sizeBytes: number; confidential: boolean };
  'material.read': { materialId: string; sha256: string; filename: string; readerOrgId: string | null };
  'undertaking.accepted': { textVersion: string };
  'demo.seeded': { organisations: number; users: number };
  'sbom.analysed': { analysisId: string; materialId: string | null; productVersionId: number; format: string; components: number; findings: number };
  'sbom.analysis_failed': { analysisId: string; materialId: string | null; error: string };
  'advisories.imported': { imported: number; unchanged: number; withdrawn: number; skipped: number; errors: number; affectedProducts: number };
  'catalogue.imported': { catalogueId: string; uuid: string; title: string; clauses: number };
  'assessment.activity_planned': { activityId: string; method: string; title: string };
  'assessment.activity_updated': { activityId: string; changes: Record<string, unknown> };
  'evidence.added': { evidenceId: string; sha256: string; filename: string; sizeBytes: number; activityId: string | null };
  'evidence.viewed': { evidenceId: string; sha256: string; filename: string; readerOrgId: string | null };
  'evidence.transferred': { evidenceId: string; fromUserId: string; toUserId: string; reason: string };
  'evidence.sealed': { evidenceId: string; sha256: string };
  'finding.status_changed': { findingId: string; from: string; to: string; reason: string };
  'finding.clauses_cited': { findingId: string; clauses: string[] };
  'findings.imported': { evidenceId: string; sha256: string; tool: string; findings: number };
  'panel.members_proposed': { panelId: string; reviewRound: number; added: string[]; quorum: number; scoringDeadline: string };
  'panel.member_recused': { panelId: string; expertUserId: string; reason: string };
  'panel.scores_submitted': { panelId: string; sheetId: string };
  'panel.dissent_recorded': { panelId: string; dissentId: string };
  'panel.assessment_signed': { panelId: string; keyId: string; bodySha256: string; scored: number; dispersedCategories: string[] };
  'decision.condition_status_changed': { conditionId: string; from: string; to: string; note: string };
  'report.generated': { reportId: string; keyId: string; fullPdfSha256: string; publicPdfSha256: string };
  'report.read': { reportId: string; variant: string; format: string; readerOrgId: string | null };
  'accreditation.granted': { accreditationId: string; orgId: string; productCategories: string[]; methods: string[]; validFrom: string; validTo: string };
  'accreditation.status_changed': { accreditationId: string; orgId: string; action: string; from: string; to: string; reason: string; flaggedCases: string[] };
  'case.flagged': { flagId: string; kind: string; detail: string; sourceId: string | null };
  'case.flag_resolved': { flagId: string; kind: string; note: string };
  'case.scope_set': { productCategory: string | null; assessmentMethods: string[] };
  'conflict.declared': { declarationId: string; declarantOrgId: string | null; declarantUserId: string | null; counterpartOrgId: string; reason: string };
  'conflict.withdrawn': { declarationId: string };
  'consulting.recorded': { engagementId: string; consultantOrgId: string; clientOrgId: string; startedOn: string; endedOn: string | null };
  'affiliation.recorded': { affiliationId: string; userId: string; orgId: string; role: string; startedOn: string; endedOn: string | null };
  'assignment.drawn': { ref: string; drawId: string; algorithm: string; seed: string; eligible: string[]; pickIndex: number; assessorOrgId: string; articles: string[]; note?: string };
  'assessor.cleared': { ref: string; assessorOrgId: string; complaintId: string };
  'supplier_key.registered': { keyId: string; label: string };
  'commitment.signed': { commitmentId: string; templateId: string; templateVersion: number; textDigest: string; keyId: string; product: string; signedAt: string };
  'breach.reported': { reportId: string; caseRef: string | null; templateId: string | null; product: string };
  'breach.triaged': { reportId: string; outcome: string; reason: string; resultingCaseId: string | null };
  'complaint.filed': { complaintId: string; respondentOrgId: string; respondentUserId: string | null; grounds: string; evidenceSeqs: number[] };
  'complaint.status_changed': { complaintId: string; from: string; to: string; reason: string; remedies: string[] };
  'violation.recorded': { violationId: string; partyOrgId: string; partyUserId: string | null; law: string; article: string };
  'violation.status_changed': { violationId: string; from: string; to: string; note: string };
}

export type AuditEventType = keyof AuditEventMap;

export const AUDIT_EVENT_TYPES = {
  'organisation.created': { confidentialRead: false, en: 'Organisation created', zh: '创建机构' },
  'user.created': { confidentialRead: false, en: 'User created', zh: '创建用户' },
  'user.signed_in': { confidentialRead: false, en: 'Signed in', zh: '登录' },
  'user.signed_out': { confidentialRead: false, en: 'Signed out', zh: '退出登录' },
  'api_token.created': { confidentialRead: false, en: 'API token created', zh: '创建 API 令牌' },
  'case.created': { confidentialRead: false, en: 'Case opened', zh: '立案' },
  'case.transitioned': { confidentialRead: false, en: 'Case step', zh: '案件流程' },
  'material.uploaded': { confidentialRead: false, en: 'Material uploaded', zh: '上传材料' },
  'material.read': { confidentialRead: true, en: 'Confidential material read', zh: '查阅保密材料' },
  'undertaking.accepted': { confidentialRead: false, en: 'Confidentiality undertaking accepted', zh: '签署保密承诺' },
  'demo.seeded': { confidentialRead: false, en: 'Demo data created', zh: '生成演示数据' },
  'sbom.analysed': { confidentialRead: false, en: 'SBOM analysed', zh: '完成 SBOM 分析' },
  'sbom.analysis_failed': { confidentialRead: false, en: 'SBOM analysis failed', zh: 'SBOM 分析失败' },
  'advisories.imported': { confidentialRead: false, en: 'Vulnerability advisories imported', zh: '导入漏洞通告' },
  'catalogue.imported': { confidentialRead: false, en: 'Standards catalogue imported', zh: '导入标准目录' },
  'assessment.activity_planned': { confidentialRead: false, en: 'Assessment activity planned', zh: '制定评估活动' },
  'assessment.activity_updated': { confidentialRead: false, en: 'Assessment activity updated', zh: '更新评估活动' },
  'evidence.added': { confidentialRead: false, en: 'Evidence added', zh: '添加证据' },
  'evidence.viewed': { confidentialRead: true, en: 'Evidence viewed', zh: '查阅证据' },
  'evidence.transferred': { confidentialRead: false, en: 'Evidence custody transferred', zh: '证据保管移交' },
  'evidence.sealed': { confidentialRead: false, en: 'Evidence sealed', zh: '证据封存' },
  'finding.status_changed': { confidentialRead: false, en: 'Finding status changed', zh: '问题状态变更' },
  'finding.clauses_cited': { confidentialRead: false, en: 'Standard clauses cited for a finding', zh: '问题引用标准条款' },
  'findings.imported': { confidentialRead: false, en: 'Findings imported from a tool report', zh: '从工具报告导入问题' },
  'panel.members_proposed': { confidentialRead: false, en: 'Experts panel members proposed', zh: '提名专家组成员' },
  'panel.member_recused': { confidentialRead: false, en: 'Expert recused for a conflict', zh: '专家因利益冲突回避' },
  'panel.scores_submitted': { confidentialRead: false, en: 'Expert scores submitted (sealed)', zh: '专家提交评分（密封）' },
  'panel.dissent_recorded': { confidentialRead: false, en: 'Dissenting opinion recorded', zh: '记录不同意见' },
  'panel.assessment_signed': { confidentialRead: false, en: 'Comprehensive assessment signed', zh: '综合评估结论签署' },
  'decision.condition_status_changed': { confidentialRead: false, en: 'Condition status changed', zh: '审查条件状态变更' },
  'report.generated': { confidentialRead: false, en: 'Security assessment report generated', zh: '生成安全评估报告' },
  'report.read': { confidentialRead: true, en: 'Full security assessment report read', zh: '查阅完整安全评估报告' },
  'accreditation.granted': { confidentialRead: false, en: 'Accreditation granted', zh: '授予认定' },
  'accreditation.status_changed': { confidentialRead: false, en: 'Accreditation status changed', zh: '认定状态变更' },
  'case.flagged': { confidentialRead: false, en: 'Case flagged for the Office', zh: '案件提请审查办公室关注' },
  'case.flag_resolved': { confidentialRead: false, en: 'Case flag resolved', zh: '案件关注事项已处理' },
  'case.scope_set': { confidentialRead: false, en: 'Case scope set (product category, methods)', zh: '设定案件范围（产品类别、方法）' },
  'conflict.declared': { confidentialRead: false, en: 'Conflict of interest declared', zh: '申报利益冲突' },
  'conflict.withdrawn': { confidentialRead: false, en: 'Conflict declaration withdrawn', zh: '撤回利益冲突申报' },
  'consulting.recorded': { confidentialRead: false, en: 'Consulting engagement recorded', zh: '登记咨询服务关系' },
  'affiliation.recorded': { confidentialRead: false, en: 'Employment or affiliation recorded', zh: '登记任职关系' },
  'assignment.drawn': { confidentialRead: false, en: 'Assessor drawn at random', zh: '随机抽取第三方机构' },
  'assessor.cleared': { confidentialRead: false, en: 'Assessor removed for reassignment', zh: '撤换第三方机构' },
  'supplier_key.registered': { confidentialRead: false, en: 'Signing key registered', zh: '登记签名公钥' },
  'commitment.signed': { confidentialRead: false, en: 'Enterprise commitment signed', zh: '签署企业承诺' },
  'breach.reported': { confidentialRead: false, en: 'Suspected breach of a commitment reported', zh: '举报涉嫌违反承诺' },
  'breach.triaged': { confidentialRead: false, en: 'Breach report triaged', zh: '处理违反承诺举报' },
  'complaint.filed': { confidentialRead: false, en: 'Complaint filed', zh: '提出举报' },
  'complaint.status_changed': { confidentialRead: false, en: 'Complaint status changed', zh: '举报处理状态变更' },
  'violation.recorded': { confidentialRead: false, en: 'Violation recorded', zh: '登记违法违规行为' },
  'violation.status_changed': { confidentialRead: false, en: 'Violation status changed', zh: '违法违规记录状态变更' },
} as const satisfies Record<AuditEventType, { confidentialRead: boolean; en: string; zh: string }>;

export function isAuditEventType(t: string): t is AuditEventType {
  return Object.prototype.hasOwnProperty.call(AUDIT_EVENT_TYPES, t);
}
