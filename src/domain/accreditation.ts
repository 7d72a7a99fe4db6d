/**
 * Art. 7: third-party organisations assess only within an accreditation — a scope of product
 * categories and Art. 3 methods, a validity period and a status the Office (or the Review
 * Committee) manages. Pure data; the registry lives in `accreditations`.
 */
import type { MethodId } from '../regime/types.ts';
import type { CaseState } from './lifecycle.ts';
import { CASE_STATES, isTerminal } from './lifecycle.ts';

/** Product categories an accreditation can cover (labels in the regime's words, our own grouping). */
export const PRODUCT_CATEGORIES = {
  network_equipment: { 'zh-CN': '网络设备', en: 'Network equipment' },
  security_equipment: { 'zh-CN': '网络安全专用产品', en: 'Dedicated cybersecurity products' },
  computing_storage: { 'zh-CN': '计算与存储设备', en: 'Computing and storage equipment' },
  operating_system: { 'zh-CN': '操作系统', en: 'Operating systems' },
  database_middleware: { 'zh-CN': '数据库与中间件', en: 'Databases and middleware' },
  industrial_control: { 'zh-CN': '工业控制系统', en: 'Industrial control systems' },
  cloud_service: { 'zh-CN': '云计算服务', en: 'Cloud computing services' },
  communication_service: { 'zh-CN': '通信与信息服务', en: 'Communication and information services' },
  application_software: { 'zh-CN': '应用软件', en: 'Application software' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;
export type ProductCategory = keyof typeof PRODUCT_CATEGORIES;
export const PRODUCT_CATEGORY_IDS = Object.keys(PRODUCT_CATEGORIES) as ProductCategory[];

/** The Art. 3 methods a third party carries out itself (commitments and supervision are not theirs). */
export const ACCREDITABLE_METHODS = ['lab_testing', 'onsite_check', 'online_monitoring', 'background_investigation'] as const satisfies readonly MethodId[];
export type AccreditableMethod = (typeof ACCREDITABLE_METHODS)[number];

export const ACCREDITATION_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];

export type CaseFlagKind = 'accreditation_suspended' | 'accreditation_revoked' | 'reassignment_required';

export interface AccreditationChange {
  from: readonly AccreditationStatus[];
  to: AccreditationStatus;
  /** Open cases assigned to the organisation are flagged for the Office (Art. 7: it may no longer assess). */
  flag: CaseFlagKind | null;
}

/** Status changes after the grant. Revocation is final. */
export const ACCREDITATION_CHANGES = {
  suspend: { from: ['active'], to: 'suspended', flag: 'accreditation_suspended' },
  reinstate: { from: ['suspended'], to: 'active', flag: null },
  revoke: { from: ['active', 'suspended'], to: 'revoked', flag: 'accreditation_revoked' },
} as const satisfies Record<string, AccreditationChange>;
export type AccreditationChangeAction = keyof typeof ACCREDITATION_CHANGES;

export function changeAllowed(action: AccreditationChangeAction, from: AccreditationStatus): boolean {
  return (ACCREDITATION_CHANGES[action].from as readonly AccreditationStatus[]).includes(from);
}

/** States in which a case still needs its assessor: anything not terminal. */
export const OPEN_CASE_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !isTerminal(s));
