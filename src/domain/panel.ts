/**
 * The Experts Committee's comprehensive assessment (Art. 6), as pure rules: whether a score sheet
 * fits the regime's scales, when sealed scores may be revealed, and how they are aggregated.
 */
import type { PanelRules, ScoreScale } from '../regime/types.ts';

export const ART4_CATEGORY_IDS = ['1', '2', '3', '4', '5'] as const;
export type CategoryId = (typeof ART4_CATEGORY_IDS)[number];

export interface ScoreSheetInput {
  categoryScores: Record<string, number>;
  trustworthiness: number;
}

export interface FieldProblem {
  path: string;
  message: string;
}

function scaleProblem(v: number, s: ScoreScale): string | null {
  if (!Number.isFinite(v)) return 'must be a number';
  if (v < s.min || v > s.max) return `must be between ${s.min} and ${s.max} (got ${v})`;
  const steps = (v - s.min) / s.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) return `must be in steps of ${s.step} from ${s.min} (got ${v})`;
  return null;
}

/** Every Art. 4 category exactly once, each score and the trustworthiness on the regime's scale. */
export function scoreSheetProblems(sheet: ScoreSheetInput, rules: PanelRules): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const id of ART4_CATEGORY_IDS) {
    const v = sheet.categoryScores[id];
    if (v === undefined) out.push({ path: `/body/categoryScores/${id}`, message: `required: score every Art. 4 category (${ART4_CATEGORY_IDS.join(', ')})` });
    else {
      const p = scaleProblem(v, rules.categoryScale);
      if (p) out.push({ path: `/body/categoryScores/${id}`, message: p });
    }
  }
  for (const k of Object.keys(sheet.categoryScores)) {
    if (!(ART4_CATEGORY_IDS as readonly string[]).includes(k)) out.push({ path: `/body/categoryScores/${k}`, message: 'not an Art. 4 category' });
  }
  const t = scaleProblem(sheet.trustworthiness, rules.trustworthinessScale);
  if (t) out.push({ path: '/body/trustworthiness', message: t });
  return out;
}

export interface PanelProgress {
  sitting: number;
  scored: number;
  deadline: Date;
}

/** Scores stay sealed until every sitting member has scored or the deadline has passed. */
export function scoresRevealed(p: PanelProgress, now: Date): boolean {
  return (p.sitting > 0 && p.scored >= p.sitting) || now.getTime() >= p.deadline.getTime();
}

/** The panel can sign once the scores are revealed and at least a quorum of sitting members scored. */
export function signingBlocker(p: PanelProgress, quorum: number, now: Date): string | null {
  if (p.sitting < quorum) return `the panel has ${p.sitting} sitting member(s); the quorum is ${quorum}`;
  if (!scoresRevealed(p, now)) return `${p.scored} of ${p.sitting} sitting members have scored and the deadline ${p.deadline.toISOString()} has not passed`;
  if (p.scored < quorum) return `only ${p.scored} member(s) scored; the quorum is ${quorum}`;
  return null;
}

export interface Aggregate {
  n: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  range: number;
  stdDev: number;
  /** Spread wider than the regime tolerates: the panel should discuss before relying on the mean. */
  dispersed: boolean;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function aggregate(values: readonly number[], rules: PanelRules): Aggregate {
  if (values.length === 0) throw new Error('aggregate of no scores');
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  // Population standard deviation: the panel is the whole population of its scores.
  const stdDev = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const range = s[n - 1]! - s[0]!;
  return {
    n,
    mean: round3(mean),
    median,
    min: s[0]!,
    max: s[n - 1]!,
    range,
    stdDev: round3(stdDev),
    dispersed: range > rules.dispersion.maxRange || stdDev > rules.dispersion.maxStdDev,
  };
}

export interface ScoreSheet extends ScoreSheetInput {
  expertUserId: string;
}

export interface PanelAggregates {
  categories: Record<CategoryId, Aggregate>;
  trustworthiness: Aggregate;
  dispersedCategories: CategoryId[];
}

export function aggregateSheets(sheets: readonly ScoreSheet[], rules: PanelRules): PanelAggregates {
  const categories = Object.fromEntries(ART4_CATEGORY_IDS.map((id) => [id, aggregate(sheets.map((s) => s.categoryScores[id]!), rules)])) as Record<CategoryId, Aggregate>;
  return {
    categories,
    trustworthiness: aggregate(sheets.map((s) => s.trustworthiness), rules),
    dispersedCategories: ART4_CATEGORY_IDS.filter((id) => categories[id].dispersed),
  };
}
