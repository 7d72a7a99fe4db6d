import { describe, expect, it } from 'vitest';
import type { CaseAction } from '../domain/lifecycle.ts';
import { CN_2017 } from './profiles/cn-2017.ts';
import { TEST_CLOCKS } from './profiles/test-clocks.ts';
import type { RegimeProfile } from './types.ts';
import { RegimeValidationError, validateRegime } from './validate.ts';

function problemsOf(profile: RegimeProfile): readonly string[] {
  try {
    validateRegime(profile);
  } catch (e) {
    if (e instanceof RegimeValidationError) return e.problems;
    throw e;
  }
  return [];
}

const withCitations = (patch: Record<string, readonly string[] | undefined>): RegimeProfile => ({
  ...CN_2017,
  citations: { ...CN_2017.citations, ...patch } as Record<CaseAction, readonly string[]>,
});

describe('validateRegime', () => {
  it('passes the shipped profiles through unchanged', () => {
    expect(validateRegime(CN_2017)).toBe(CN_2017);
    expect(validateRegime(TEST_CLOCKS)).toBe(TEST_CLOCKS);
  });

  it('names a citation of an article the profile does not have', () => {
    expect(problemsOf(withCitations({ assign_assessor: ['7', '99'] }))).toEqual([
      "citations.assign_assessor names article '99', which the profile does not have",
    ]);
  });

  it('names an action left without a citation, empty or absent', () => {
    expect(problemsOf(withCitations({ release: [] }))).toEqual(['citations.release is missing: every lifecycle action must rest on an article']);
    const { decide: _dropped, ...rest } = CN_2017.citations;
    const missing = { ...CN_2017, citations: rest as Record<CaseAction, readonly string[]> };
    expect(problemsOf(missing)).toEqual(['citations.decide is missing: every lifecycle action must rest on an article']);
  });

  it('names a citation for an action the lifecycle does not know', () => {
    expect(problemsOf(withCitations({ approve_everything: ['8'] }))).toEqual(['citations.approve_everything is not a lifecycle action']);
  });

  it('checks clock rules: real, live states; whole positive days; existing articles', () => {
    const broken = {
      ...CN_2017,
      clocks: {
        limbo: { workingDays: 10, article: '8' },
        closed: { workingDays: 5, article: '8' },
        triage: { workingDays: 0, article: '8' },
        assessing: { workingDays: 30, extensionDays: 1.5, article: '11' },
        expert_evaluation: { workingDays: 15, article: '21' },
      },
    } as unknown as RegimeProfile;
    expect(problemsOf(broken)).toEqual([
      'clocks.limbo is not a case state',
      'clocks.closed: a closed case has no deadline to keep',
      'clocks.triage.workingDays must be a whole number ≥ 1, got 0',
      'clocks.assessing.extensionDays must be a whole number ≥ 1 when present, got 1.5',
      "clocks.expert_evaluation names article '21', which the profile does not have",
    ]);
  });

  it('checks calendar dates, overlaps, duplicates and make-up days on weekdays', () => {
    const broken: RegimeProfile = {
      ...CN_2017,
      calendar: {
        holidays: ['2025-10-01', '2025-02-30', '2025/10/02', '2025-10-01', '2025-09-28'],
        makeUpDays: ['2025-09-28', '2025-10-09', '2025-10-11'],
      },
    };
    expect(problemsOf(broken)).toEqual([
      "calendar.holidays: '2025-02-30' is not a valid YYYY-MM-DD date",
      "calendar.holidays: '2025/10/02' is not a valid YYYY-MM-DD date",
      'calendar.holidays lists 2025-10-01 more than once',
      'calendar: 2025-09-28 is both a holiday and a make-up working day',
      'calendar.makeUpDays: 2025-10-09 is a weekday, not a weekend day',
    ]);
  });

  it('checks articles and the lists that cite them', () => {
    const [first, second] = CN_2017.articles;
    if (!first || !second) throw new Error('profile has no articles');
    const broken: RegimeProfile = {
      ...CN_2017,
      effectiveFrom: '2017-6-1',
      articles: [...CN_2017.articles, { ...first }, { ...second, number: '17', textZh: ' ', title: { ...second.title, en: '' } }],
      categories: [...CN_2017.categories, { id: 5, label: { 'zh-CN': '重复', en: 'duplicate' }, article: '40' }],
      sectors: [...CN_2017.sectors, { id: 'space', label: { 'zh-CN': '航天', en: 'Space' }, articles: [] }],
    };
    expect(problemsOf(broken)).toEqual([
      "effectiveFrom '2017-6-1' is not a valid YYYY-MM-DD date",
      "article '1' appears more than once",
      "article '17' has no Chinese text",
      "article '17' has no en title",
      "categories has '5' more than once",
      "categories.5 names article '40', which the profile does not have",
      'sectors.space cites no article',
    ]);
  });

  it('throws one error listing every problem, naming the regime', () => {
    const broken: RegimeProfile = { ...withCitations({ revoke: ['0'] }), id: 'broken', calendar: { holidays: ['2025-10-01'], makeUpDays: ['2025-10-01'] } };
    let caught: unknown;
    try {
      validateRegime(broken);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RegimeValidationError);
    const err = caught as RegimeValidationError;
    expect(err.regimeId).toBe('broken');
    expect(err.problems).toHaveLength(2);
    expect(err.message).toBe(
      "regime 'broken' is invalid:\n  - citations.revoke names article '0', which the profile does not have\n  - calendar: 2025-10-01 is both a holiday and a make-up working day",
    );
  });
});
