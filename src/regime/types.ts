/**
 * A regime profile: the legal basis the engine runs under, as data. The 2017 Interim Measures are
 * the default; a later profile (2020/2021 Measures, with statutory clocks in working days) must be
 * expressible here without changing the engine.
 */
import type { CaseAction, CaseState } from '../domain/lifecycle.ts';

export type Locale = 'zh-CN' | 'en';
export type Bilingual = Record<Locale, string>;

export interface Article {
  /** '1' … '16' (string: later regimes number clauses like '7(2)'). */
  number: string;
  /** Statute text in Chinese, verbatim. */
  textZh: string;
  title: Bilingual;
  /** Summary in our own words. */
  summary: Bilingual;
}

export interface RiskCategory {
  /** Art. 4 item number, 1–5. */
  id: 1 | 2 | 3 | 4 | 5;
  label: Bilingual;
  article: string;
}

export type MethodId =
  | 'enterprise_commitment'
  | 'public_supervision'
  | 'third_party_assessment'
  | 'government_supervision'
  | 'lab_testing'
  | 'onsite_check'
  | 'online_monitoring'
  | 'background_investigation';

export interface ReviewMethod {
  id: MethodId;
  label: Bilingual;
  article: string;
}

/** Why the Office takes up a subject (Art. 8) or why supervision reopens a case. */
export type TriggerId = 'national_requirement' | 'association_request' | 'user_report' | 'cii_procurement' | 'advisory' | 'change_notice' | 'complaint' | 'commitment_breach';

export interface Trigger {
  id: TriggerId;
  label: Bilingual;
  article: string;
}

export interface Sector {
  id: string;
  label: Bilingual;
  /** Art. 10 names it among CII sectors; Art. 9 names it among key regulated sectors. */
  articles: string[];
}

export interface Calendar {
  /** ISO dates (YYYY-MM-DD) that are public holidays (no work even if a weekday). */
  holidays: readonly string[];
  /** ISO dates that are working days although on a weekend (调休 make-up days). */
  makeUpDays: readonly string[];
}

export interface ClockRule {
  /** Working days allowed for the stage. */
  workingDays: number;
  /** Working days one extension may add (e.g. 15 for the 2021 preliminary review); absent: no extension. */
  extensionDays?: number;
  article: string;
}

export interface RegimeProfile {
  id: string;
  title: Bilingual;
  effectiveFrom: string;
  articles: readonly Article[];
  categories: readonly RiskCategory[];
  methods: readonly ReviewMethod[];
  triggers: readonly Trigger[];
  sectors: readonly Sector[];
  /** The article(s) each lifecycle action rests on, in this regime's numbering. */
  citations: Readonly<Record<CaseAction, readonly string[]>>;
  /** Stage clocks: a state that has a rule runs a working-day clock while the case is in it. */
  clocks: Readonly<Partial<Record<CaseState, ClockRule>>>;
  calendar: Calendar;
  /** How the Experts Committee panel works (Art. 6); absent: panels cannot be formed. */
  panel?: PanelRules;
}

/** A score scale, inclusive, in steps of `step`. */
export interface ScoreScale {
  min: number;
  max: number;
  step: number;
}

export interface PanelRules {
  /** Sitting (non-recused) members a panel needs, and that must have scored, before it can sign. */
  quorum: number;
  /** Scale of each Art. 4 category score (higher = more risk). */
  categoryScale: ScoreScale;
  /** Scale of the supplier's security and trustworthiness (higher = more trustworthy). */
  trustworthinessScale: ScoreScale;
  /** A category whose scores spread wider than either bound is flagged for discussion. */
  dispersion: { maxRange: number; maxStdDev: number };
  /** Days from panel formation to the scoring deadline unless the Office sets one. */
  defaultScoringDays: number;
  article: string;
}
