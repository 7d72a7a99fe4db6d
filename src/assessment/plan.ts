/**
 * The assessment plan (Art. 3, 11): activities, each by one of the Article 3 methods, with a
 * status that moves only along ACTIVITY_STATUS_TRANSITIONS.
 */
export const ACTIVITY_METHODS = ['lab_test', 'on_site_check', 'online_monitoring', 'background_investigation', 'document_review'] as const;
export type ActivityMethod = (typeof ACTIVITY_METHODS)[number];

/** How each method is named in Art. 3 (实验室检测、现场检查、在线监测、背景调查) and in OSCAL (method). */
export const ACTIVITY_METHOD_INFO = {
  lab_test: { zh: '实验室检测', en: 'Laboratory testing', oscal: 'TEST' },
  on_site_check: { zh: '现场检查', en: 'On-site check', oscal: 'EXAMINE' },
  online_monitoring: { zh: '在线监测', en: 'Online monitoring', oscal: 'TEST' },
  background_investigation: { zh: '背景调查', en: 'Background investigation', oscal: 'INTERVIEW' },
  document_review: { zh: '文件审查', en: 'Document review', oscal: 'EXAMINE' },
} as const satisfies Record<ActivityMethod, { zh: string; en: string; oscal: 'EXAMINE' | 'INTERVIEW' | 'TEST' }>;

export const ACTIVITY_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ACTIVITY_STATUS_TRANSITIONS = {
  planned: ['in_progress', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
} as const satisfies Record<ActivityStatus, readonly ActivityStatus[]>;

export function activityStatusChangeAllowed(from: ActivityStatus, to: ActivityStatus): boolean {
  return (ACTIVITY_STATUS_TRANSITIONS[from] as readonly ActivityStatus[]).includes(to);
}

export const EVIDENCE_KINDS = ['tool_output', 'sarif', 'document', 'photo', 'log', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
