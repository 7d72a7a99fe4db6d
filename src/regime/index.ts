/** The regime as data: profiles, the registry that resolves a case's regime id, checks and reports. */
export { DEFAULT_REGIME_ID, UnknownRegimeError, findRegime, getRegime, listRegimes, textGapsFor } from './registry.ts';
export type { RegimeSummary } from './registry.ts';
export { RegimeValidationError, validateRegime } from './validate.ts';
export { articleLabel, cnNumeral, formatRegimeReport, regimeReport } from './report.ts';
export type { ArticleReport, CitedTransition, ExtraCitation, ProfileReference, RegimeReport } from './report.ts';
export { CN_2017, TEXT_GAPS } from './profiles/cn-2017.ts';
export { TEST_CLOCKS } from './profiles/test-clocks.ts';
export { PRC_CALENDAR, PRC_HOLIDAY_NOTICES } from './calendars/prc.ts';
export type { TextGap, TextGaps } from './text-gap.ts';
export type * from './types.ts';
