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
} as const satisfies Record<AuditEventType, { confidentialRead: boolean; en: string; zh: string }>;

export function isAuditEventType(t: string): t is AuditEventType {
  return Object.prototype.hasOwnProperty.call(AUDIT_EVENT_TYPES, t);
}
