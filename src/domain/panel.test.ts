import { describe, expect, it } from 'vitest';
import { CN_2017 } from '../regime/index.ts';
import { aggregate, aggregateSheets, scoreSheetProblems, scoresRevealed, signingBlocker } from './panel.ts';

const rules = CN_2017.panel!;
const full = { categoryScores: { 1: 3, 2: 7, 3: 2, 4: 1, 5: 0 }, trustworthiness: 8 };

describe('score sheets (Art. 6)', () => {
  it('accepts a sheet scoring every Art. 4 category on the scale', () => {
    expect(scoreSheetProblems(full, rules)).toEqual([]);
  });
  it('names each score outside its range, off-step, missing or unknown', () => {
    const p = scoreSheetProblems({ categoryScores: { 1: 11, 2: -1, 3: 2.5, 4: 1, 9: 3 }, trustworthiness: 10.5 }, rules);
    expect(p).toEqual([
      { path: '/body/categoryScores/1', message: 'must be between 0 and 10 (got 11)' },
      { path: '/body/categoryScores/2', message: 'must be between 0 and 10 (got -1)' },
      { path: '/body/categoryScores/3', message: 'must be in steps of 1 from 0 (got 2.5)' },
      { path: '/body/categoryScores/5', message: 'required: score every Art. 4 category (1, 2, 3, 4, 5)' },
      { path: '/body/categoryScores/9', message: 'not an Art. 4 category' },
      { path: '/body/trustworthiness', message: 'must be between 0 and 10 (got 10.5)' },
    ]);
  });
});

describe('sealed scores', () => {
  const deadline = new Date('2026-12-10T00:00:00Z');
  it('stay sealed until all sitting members scored or the deadline passed', () => {
    expect(scoresRevealed({ sitting: 3, scored: 2, deadline }, new Date('2026-12-09T23:59:59Z'))).toBe(false);
    expect(scoresRevealed({ sitting: 3, scored: 3, deadline }, new Date('2026-12-01T00:00:00Z'))).toBe(true);
    expect(scoresRevealed({ sitting: 3, scored: 0, deadline }, deadline)).toBe(true);
  });
  it('signing needs a quorum of sitting members and of scores', () => {
    const before = new Date('2026-12-01T00:00:00Z');
    expect(signingBlocker({ sitting: 2, scored: 2, deadline }, 3, before)).toMatch(/2 sitting member\(s\); the quorum is 3/);
    expect(signingBlocker({ sitting: 4, scored: 3, deadline }, 3, before)).toMatch(/3 of 4 sitting members have scored/);
    expect(signingBlocker({ sitting: 4, scored: 2, deadline }, 3, deadline)).toMatch(/only 2 member\(s\) scored/);
    expect(signingBlocker({ sitting: 4, scored: 3, deadline }, 3, deadline)).toBeNull();
    expect(signingBlocker({ sitting: 3, scored: 3, deadline }, 3, before)).toBeNull();
  });
});

describe('aggregation', () => {
  it('computes mean, median, min/max, population std dev', () => {
    expect(aggregate([2, 4, 4, 4, 5, 5, 7, 9], rules)).toEqual({ n: 8, mean: 5, median: 4.5, min: 2, max: 9, range: 7, stdDev: 2, dispersed: true });
    expect(aggregate([5, 6, 7], rules)).toMatchObject({ mean: 6, median: 6, range: 2, dispersed: false });
  });
  it('flags a category whose range exceeds the regime threshold', () => {
    const a = aggregateSheets(
      [
        { expertUserId: 'a', ...full },
        { expertUserId: 'b', categoryScores: { 1: 3, 2: 1, 3: 2, 4: 1, 5: 0 }, trustworthiness: 8 },
        { expertUserId: 'c', categoryScores: { 1: 4, 2: 2, 3: 2, 4: 2, 5: 0 }, trustworthiness: 7 },
      ],
      rules,
    );
    expect(a.dispersedCategories).toEqual(['2']);
    expect(a.categories['2']).toMatchObject({ min: 1, max: 7, range: 6, median: 2 });
    expect(a.trustworthiness).toMatchObject({ mean: 7.667, median: 8, dispersed: false });
  });
});
