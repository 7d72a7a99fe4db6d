/**
 * Art. 14 complaints and Art. 15 violations as status tables: which change is legal from which
 * status. Pure data.
 */
export const COMPLAINT_GROUNDS = {
  bias: { 'zh-CN': '评价不客观公正', en: 'The assessment was not objective or fair' },
  leak: { 'zh-CN': '泄露或不当使用审查信息', en: 'Review information was leaked or used for another purpose' },
} as const;
export type ComplaintGround = keyof typeof COMPLAINT_GROUNDS;

export type ComplaintStatus = 'filed' | 'investigating' | 'dismissed' | 'upheld';

export const COMPLAINT_CHANGES = {
  investigate: { from: ['filed'], to: 'investigating' },
  dismiss: { from: ['filed', 'investigating'], to: 'dismissed' },
  uphold: { from: ['investigating'], to: 'upheld' },
} as const satisfies Record<string, { from: readonly ComplaintStatus[]; to: ComplaintStatus }>;
export type ComplaintChange = keyof typeof COMPLAINT_CHANGES;

/** What an upheld complaint can lead to (Art. 14 with Art. 7 and 11). */
export const COMPLAINT_REMEDIES = ['reassignment', 'suspend_accreditation'] as const;
export type ComplaintRemedy = (typeof COMPLAINT_REMEDIES)[number];

export type ViolationStatus = 'open' | 'penalised' | 'closed';

export const VIOLATION_CHANGES = {
  penalise: { from: ['open'], to: 'penalised' },
  close: { from: ['open', 'penalised'], to: 'closed' },
} as const satisfies Record<string, { from: readonly ViolationStatus[]; to: ViolationStatus }>;
export type ViolationChange = keyof typeof VIOLATION_CHANGES;

export function allowedFrom<S extends string>(from: readonly S[], status: string): status is S {
  return (from as readonly string[]).includes(status);
}

/** Organisations a supplier may complain about: the third parties that handle its case. */
export const COMPLAINABLE_KINDS = ['third_party_assessor', 'experts_committee'] as const;
