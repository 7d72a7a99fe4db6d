/**
 * Checks a regime profile before the engine trusts it. The TypeScript types already force a
 * compiled profile's shape; these checks catch what types cannot (a citation naming an article the
 * profile lacks, an impossible date) and what a profile loaded from data could get wrong.
 */
import { dayOfWeek, isIsoDate } from '../domain/clock.ts';
import { ALL_CASE_ACTIONS, isCaseState, isTerminal } from '../domain/lifecycle.ts';
import type { RegimeProfile } from './types.ts';

export class RegimeValidationError extends Error {
  constructor(
    readonly regimeId: string,
    readonly problems: readonly string[],
  ) {
    super(`regime '${regimeId}' is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RegimeValidationError';
  }
}

const LOCALES = ['zh-CN', 'en'] as const;

function duplicates<T>(xs: readonly T[]): T[] {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const x of xs) (seen.has(x) ? dup : seen).add(x);
  return [...dup];
}

/** Throws a RegimeValidationError listing every problem found; returns the profile when sound. */
export function validateRegime(profile: RegimeProfile): RegimeProfile {
  const problems: string[] = [];
  const articles = new Set(profile.articles.map((a) => a.number));
  const cite = (where: string, article: string) => {
    if (!articles.has(article)) problems.push(`${where} names article '${article}', which the profile does not have`);
  };

  if (!profile.id.trim()) problems.push('id is empty');
  if (!isIsoDate(profile.effectiveFrom)) problems.push(`effectiveFrom '${profile.effectiveFrom}' is not a valid YYYY-MM-DD date`);

  for (const n of duplicates(profile.articles.map((a) => a.number))) problems.push(`article '${n}' appears more than once`);
  for (const art of profile.articles) {
    if (!art.number.trim()) problems.push('an article has an empty number');
    if (!art.textZh.trim()) problems.push(`article '${art.number}' has no Chinese text`);
    for (const l of LOCALES) {
      if (!art.title[l]?.trim()) problems.push(`article '${art.number}' has no ${l} title`);
      if (!art.summary[l]?.trim()) problems.push(`article '${art.number}' has no ${l} summary`);
    }
  }

  const citations = profile.citations as Readonly<Record<string, readonly string[] | undefined>>;
  for (const action of ALL_CASE_ACTIONS) {
    const list = citations[action];
    if (!list || list.length === 0) problems.push(`citations.${action} is missing: every lifecycle action must rest on an article`);
    else list.forEach((n) => cite(`citations.${action}`, n));
  }
  for (const key of Object.keys(citations)) {
    if (!(ALL_CASE_ACTIONS as readonly string[]).includes(key)) problems.push(`citations.${key} is not a lifecycle action`);
  }

  const lists = [
    ['categories', profile.categories.map((c) => ({ id: String(c.id), articles: [c.article] }))],
    ['methods', profile.methods.map((m) => ({ id: m.id, articles: [m.article] }))],
    ['triggers', profile.triggers.map((t) => ({ id: t.id, articles: [t.article] }))],
    ['sectors', profile.sectors.map((s) => ({ id: s.id, articles: s.articles }))],
  ] as const;
  for (const [name, items] of lists) {
    for (const id of duplicates(items.map((i) => i.id))) problems.push(`${name} has '${id}' more than once`);
    for (const item of items) {
      if (item.articles.length === 0) problems.push(`${name}.${item.id} cites no article`);
      item.articles.forEach((n) => cite(`${name}.${item.id}`, n));
    }
  }

  for (const [stage, rule] of Object.entries(profile.clocks)) {
    if (!isCaseState(stage)) {
      problems.push(`clocks.${stage} is not a case state`);
      continue;
    }
    if (isTerminal(stage)) problems.push(`clocks.${stage}: a closed case has no deadline to keep`);
    if (!rule) continue;
    if (!Number.isInteger(rule.workingDays) || rule.workingDays < 1) {
      problems.push(`clocks.${stage}.workingDays must be a whole number ≥ 1, got ${rule.workingDays}`);
    }
    if (rule.extensionDays !== undefined && (!Number.isInteger(rule.extensionDays) || rule.extensionDays < 1)) {
      problems.push(`clocks.${stage}.extensionDays must be a whole number ≥ 1 when present, got ${rule.extensionDays}`);
    }
    cite(`clocks.${stage}`, rule.article);
  }

  const { holidays, makeUpDays } = profile.calendar;
  for (const [name, dates] of [['holidays', holidays], ['makeUpDays', makeUpDays]] as const) {
    for (const d of dates) if (!isIsoDate(d)) problems.push(`calendar.${name}: '${d}' is not a valid YYYY-MM-DD date`);
    for (const d of duplicates(dates)) problems.push(`calendar.${name} lists ${d} more than once`);
  }
  const holidaySet = new Set(holidays);
  for (const d of makeUpDays) {
    if (holidaySet.has(d)) problems.push(`calendar: ${d} is both a holiday and a make-up working day`);
    // A make-up day on a weekday would change nothing: it is a data-entry error.
    else if (isIsoDate(d) && dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6) problems.push(`calendar.makeUpDays: ${d} is a weekday, not a weekend day`);
  }

  if (problems.length > 0) throw new RegimeValidationError(profile.id || '(no id)', problems);
  return profile;
}
