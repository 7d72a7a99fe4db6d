import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startClock } from '../domain/clock.ts';
import { ALL_CASE_ACTIONS, isCaseState, isTerminal } from '../domain/lifecycle.ts';
import { CN_2017, TEXT_GAPS } from './profiles/cn-2017.ts';
import { TEST_CLOCKS } from './profiles/test-clocks.ts';
import { cnNumeral } from './report.ts';
import type { MethodId, TriggerId } from './types.ts';
import { validateRegime } from './validate.ts';

// The statute lives outside the repository (shared between worktrees); without it only the
// checks that need it are skipped.
const STATUTE_URL = new URL('../../../shared/regime/measures-2017.txt', import.meta.url);
const statute = existsSync(STATUTE_URL) ? readFileSync(STATUTE_URL, 'utf8') : null;
if (statute === null) console.warn(`[regime] ${fileURLToPath(STATUTE_URL)} not found: skipping the verbatim statute checks`);

const article = (n: string) => {
  const a = CN_2017.articles.find((x) => x.number === n);
  if (!a) throw new Error(`no article ${n}`);
  return a;
};

describe('the 2017 profile', () => {
  it('has articles 1 to 16 in order, each with bilingual title and summary', () => {
    expect(CN_2017.articles.map((a) => a.number)).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1)));
    for (const a of CN_2017.articles) {
      for (const l of ['zh-CN', 'en'] as const) {
        expect(a.title[l].length, `article ${a.number} ${l} title`).toBeGreaterThan(1);
        expect(a.summary[l].length, `article ${a.number} ${l} summary`).toBeGreaterThan(10);
      }
      expect(a.textZh.startsWith('第'), `article ${a.number} keeps its label out of textZh`).toBe(false);
    }
  });

  it('is valid and identifies itself', () => {
    expect(validateRegime(CN_2017)).toBe(CN_2017);
    expect(CN_2017.id).toBe('cn-2017-interim');
    expect(CN_2017.effectiveFrom).toBe('2017-06-01');
    expect(CN_2017.clocks).toEqual({});
  });

  it('cites at least one existing article for every lifecycle action', () => {
    const numbers = new Set(CN_2017.articles.map((a) => a.number));
    for (const action of ALL_CASE_ACTIONS) {
      const cited = CN_2017.citations[action];
      expect(cited.length, action).toBeGreaterThan(0);
      for (const n of cited) expect(numbers.has(n), `${action} cites ${n}`).toBe(true);
    }
    expect(Object.keys(CN_2017.citations).sort()).toEqual([...ALL_CASE_ACTIONS].sort());
  });

  it('rests the core steps on the articles that grant them', () => {
    expect(CN_2017.citations.declare_procurement).toContain('10');
    expect(CN_2017.citations.open_sector_review).toEqual(['9']);
    expect(CN_2017.citations.assign_assessor).toEqual(['7', '11']);
    expect(CN_2017.citations.record_finding).toContain('4');
    expect(CN_2017.citations.request_supplement).toEqual(['12']);
    expect(CN_2017.citations.give_opinion).toEqual(['6']);
    expect(CN_2017.citations.release).toEqual(['8', '13']);
  });

  it('has the five Art. 4 categories, the eight Art. 3 methods and the eight triggers', () => {
    expect(CN_2017.categories.map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(CN_2017.categories.map((c) => c.article))).toEqual(new Set(['4']));
    const methods: MethodId[] = ['enterprise_commitment', 'public_supervision', 'third_party_assessment', 'government_supervision', 'lab_testing', 'onsite_check', 'online_monitoring', 'background_investigation'];
    expect(CN_2017.methods.map((m) => m.id).sort()).toEqual([...methods].sort());
    const triggers: TriggerId[] = ['national_requirement', 'association_request', 'user_report', 'cii_procurement', 'advisory', 'change_notice', 'complaint', 'commitment_breach'];
    expect(CN_2017.triggers.map((t) => t.id).sort()).toEqual([...triggers].sort());
    expect(CN_2017.triggers.find((t) => t.id === 'complaint')?.article).toBe('14');
  });

  it('labels each Art. 3 method with the statute’s own term', () => {
    for (const m of CN_2017.methods) expect(article('3').textZh, m.id).toContain(m.label['zh-CN']);
  });

  it('lists exactly the sectors Art. 9 and Art. 10 name, in the statute’s words', () => {
    for (const n of ['9', '10']) {
      // The enumeration runs up to "等" (and others).
      const named = (article(n).textZh.split('等')[0] ?? '').split('、');
      const sectors = CN_2017.sectors.filter((s) => s.articles.includes(n));
      expect(sectors.map((s) => s.label['zh-CN']).sort(), `Art. ${n}`).toEqual([...named].sort());
    }
    expect(CN_2017.sectors.map((s) => s.id).sort()).toEqual(['e_government', 'energy', 'finance', 'public_communication', 'public_services', 'telecom', 'transport', 'water']);
  });

  it('records the gaps in the Chinese copy for Art. 4 and Art. 12 only', () => {
    expect(Object.keys(TEXT_GAPS).sort()).toEqual(['12', '4']);
    expect(article('4').textZh.endsWith(':')).toBe(true);
    for (const gap of Object.values(TEXT_GAPS)) expect(gap.substitute.en).toMatch(/English reference/);
  });
});

describe.skipIf(statute === null)('the 2017 profile against the statute file', () => {
  const text = statute ?? '';
  const lines = text.split('\n');
  const english = (n: string) => new RegExp(`^Article ${n} (.*)$`, 'm').exec(text)?.[1] ?? '';

  it('quotes every article verbatim, as a whole line of the Chinese text', () => {
    for (const a of CN_2017.articles) {
      const line = `第${cnNumeral(Number(a.number))}条 ${a.textZh}`;
      expect(lines, `article ${a.number}`).toContain(line);
    }
  });

  it('covers every article the Chinese text has', () => {
    const labelled = lines.filter((l) => /^第[一二三四五六七八九十]+条 /.test(l));
    expect(labelled).toHaveLength(CN_2017.articles.length);
  });

  it('has one category per item of the English Art. 4 list, which the Chinese copy lacks', () => {
    const art4 = text.slice(text.indexOf('Article 4 '), text.indexOf('Article 5 '));
    expect(art4.match(/•/g)).toHaveLength(CN_2017.categories.length);
    expect(lines.some((l) => l.startsWith('第四条') && l.includes('•'))).toBe(false);
  });

  it('notes that Art. 12 lacks the confidentiality sentence the English reference has', () => {
    expect(english('12')).toMatch(/confidential/);
    expect(article('12').textZh).not.toMatch(/保密/);
  });

  it('summarises in its own words rather than copying the reference translation or the statute', () => {
    const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ');
    for (const a of CN_2017.articles) {
      const ref = ` ${words(english(a.number)).join(' ')} `;
      const mine = words(a.summary.en);
      for (let i = 0; i + 8 <= mine.length; i++) {
        const run = mine.slice(i, i + 8).join(' ');
        expect(ref.includes(` ${run} `), `Art. ${a.number} English summary copies "${run}"`).toBe(false);
      }
      const zh = a.summary['zh-CN'];
      for (let i = 0; i + 15 <= zh.length; i++) {
        const run = zh.slice(i, i + 15);
        expect(a.textZh.includes(run), `Art. ${a.number} Chinese summary copies "${run}"`).toBe(false);
      }
    }
  });
});

describe('the test-clocks profile', () => {
  it('is the 2017 profile with clocks, and valid', () => {
    expect(validateRegime(TEST_CLOCKS)).toBe(TEST_CLOCKS);
    expect(TEST_CLOCKS.id).toBe('test-clocks');
    expect(TEST_CLOCKS.articles).toBe(CN_2017.articles);
    expect(TEST_CLOCKS.citations).toBe(CN_2017.citations);
    expect(TEST_CLOCKS.calendar).toBe(CN_2017.calendar);
  });

  it('sets the 2021-style clocks on live stages, only assessing extendable', () => {
    expect(TEST_CLOCKS.clocks).toMatchObject({
      determination: { workingDays: 10 },
      triage: { workingDays: 10 },
      assessing: { workingDays: 30, extensionDays: 15 },
      expert_evaluation: { workingDays: 15 },
    });
    for (const [stage, rule] of Object.entries(TEST_CLOCKS.clocks)) {
      expect(isCaseState(stage) && !isTerminal(stage), stage).toBe(true);
      expect(rule?.extensionDays === undefined || stage === 'assessing', stage).toBe(true);
    }
  });

  it('drives real clocks without any code of its own', () => {
    const rule = TEST_CLOCKS.clocks.assessing;
    if (!rule) throw new Error('assessing has no clock');
    expect(startClock('assessing', rule, '2025-09-26', TEST_CLOCKS.calendar).dueOn).toBe('2025-11-13');
  });
});
