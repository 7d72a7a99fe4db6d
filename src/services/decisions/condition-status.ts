/** Art. 8 conditions, tracked to closure: which status may follow which. */
export const CONDITION_STATUSES = ['open', 'met', 'overdue', 'waived'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];

export const CONDITION_TRANSITIONS = {
  open: ['met', 'overdue', 'waived'],
  overdue: ['met', 'waived'],
  met: [],
  waived: [],
} as const satisfies Record<ConditionStatus, readonly ConditionStatus[]>;

export function conditionStepAllowed(from: ConditionStatus, to: ConditionStatus): boolean {
  return (CONDITION_TRANSITIONS[from] as readonly ConditionStatus[]).includes(to);
}
