import { describe, expect, it } from 'vitest';
import { ALL_CASE_ACTIONS, CASE_STATES, CREATE_ACTIONS, TRANSITIONS } from '../domain/lifecycle.ts';
import { CN_2017, DEFAULT_REGIME_ID, TEST_CLOCKS, UnknownRegimeError, findRegime, getRegime, listRegimes, textGapsFor } from './index.ts';
import { articleLabel, cnNumeral, formatRegimeReport, regimeReport } from './report.ts';
import type { ExtraCitation } from './report.ts';

const EXTRA: ExtraCitation[] = [
  { article: '12', kind: 'policy', name: 'readConfidentialMaterial' },
  { article: '14', kind: 'service', name: 'file-complaint' },
  { article: '99', kind: 'service', name: 'misnumbered' },
];

function displayWidth(s: string): number {
  return [...s].reduce((w, ch) => w + (/[\u2e80-\ua4cf\uac00-\ud7a3\uff00-\uff60]/u.test(ch) ? 2 : 1), 0);
}

describe('registry', () => {
  it('resolves the default and the test regime', () => {
    expect(DEFAULT_REGIME_ID).toBe('cn-2017-interim');
    expect(getRegime()).toBe(CN_2017);
    expect(getRegime('test-clocks')).toBe(TEST_CLOCKS);
    expect(findRegime('cn-2021')).toBeUndefined();
  });

  it('refuses an unknown id, naming the known ones', () => {
    expect(() => getRegime('cn-2021')).toThrow(UnknownRegimeError);
    expect(() => getRegime('cn-2021')).toThrow("unknown regime 'cn-2021'; known: cn-2017-interim, test-clocks");
  });

  it('lists the regimes with their clocked stages', () => {
    expect(listRegimes()).toEqual([
      { id: 'cn-2017-interim', title: CN_2017.title, effectiveFrom: '2017-06-01', isDefault: true, clockedStages: [] },
      { id: 'test-clocks', title: TEST_CLOCKS.title, effectiveFrom: '2017-06-01', isDefault: false, clockedStages: ['determination', 'triage', 'assessing', 'expert_evaluation'] },
    ]);
    expect(Object.keys(textGapsFor('test-clocks'))).toEqual(['4', '12']);
    expect(textGapsFor('nope')).toEqual({});
  });
});

describe('regimeReport', () => {
  const report = regimeReport(CN_2017);
  const art = (n: string) => {
    const a = report.articles.find((x) => x.number === n);
    if (!a) throw new Error(`no article ${n}`);
    return a;
  };

  it('puts every transition of the table under at least one article', () => {
    const listed = new Set(report.articles.flatMap((a) => a.transitions.map((t) => `${t.state}:${t.action}`)));
    const creates = Object.keys(CREATE_ACTIONS).map((a) => `null:${a}`);
    const moves = CASE_STATES.flatMap((s) => Object.keys(TRANSITIONS[s]).map((a) => `${s}:${a}`));
    expect([...listed].sort()).toEqual([...creates, ...moves].sort());
    expect(new Set(report.articles.flatMap((a) => a.transitions.map((t) => t.action)))).toEqual(new Set(ALL_CASE_ACTIONS));
  });

  it('lists the transitions that rest on an article, with creating actions from no state', () => {
    expect(art('10').transitions).toContainEqual({ state: null, action: 'declare_procurement', to: 'determination' });
    expect(art('10').transitions).toContainEqual({ state: 'determination', action: 'determine_no_impact', to: 'closed_not_required' });
    expect(art('7').transitions.map((t) => t.action)).toEqual(['assign_assessor', 'start_assessment']);
    expect(art('13').transitions).toEqual([{ state: 'decided', action: 'release', to: 'released' }]);
  });

  it('names the articles nothing cites, and stops naming one once a service cites it', () => {
    expect(report.uncited).toEqual(['1', '14', '15', '16']);
    const withExtra = regimeReport(CN_2017, EXTRA);
    expect(withExtra.uncited).toEqual(['1', '15', '16']);
    const a14 = withExtra.articles.find((a) => a.number === '14');
    expect(a14?.citedBy).toEqual([{ article: '14', kind: 'service', name: 'file-complaint' }]);
    expect(withExtra.dangling).toEqual([{ article: '99', kind: 'service', name: 'misnumbered' }]);
  });

  it('shows profile data that names an article, and the known text gaps', () => {
    expect(art('4').references).toEqual([1, 2, 3, 4, 5].map((id) => ({ kind: 'category', id: String(id) })));
    expect(art('14').references).toEqual([{ kind: 'trigger', id: 'complaint' }]);
    expect(art('4').gap).not.toBeNull();
    expect(art('12').gap).not.toBeNull();
    expect(art('11').gap).toBeNull();
    const clocked = regimeReport(TEST_CLOCKS);
    expect(clocked.clocks.map((c) => c.stage)).toEqual(['determination', 'triage', 'assessing', 'expert_evaluation']);
    expect(clocked.articles.find((a) => a.number === '11')?.references).toContainEqual({ kind: 'clock', id: 'assessing' });
    expect(report.calendarYears).toEqual([2025, 2026]);
  });
});

describe('formatRegimeReport', () => {
  it('prints each article with its transitions and citing policies, in English', () => {
    const text = formatRegimeReport(regimeReport(CN_2017, EXTRA), 'en');
    expect(text).toMatch(/^Interim Security Review Measures for Network Products and Services \(2017\)\n/);
    expect(text).toContain('Stage clocks: none');
    expect(text).toContain('\nArt. 10  Purchases by critical information infrastructure\n');
    expect(text).toMatch(/\n {4}declare_procurement +\(new case\) → determination\n/);
    expect(text).toMatch(/\n {4}assign_assessor +planning \(recorded, state unchanged\)\n/);
    expect(text).toMatch(/\n {4}policy +readConfidentialMaterial\n/);
    expect(text).toContain('\nCited by no transition, policy or service: Art. 1, Art. 15, Art. 16\n');
    expect(text).toContain('service misnumbered → Art. 99');
    expect(text).not.toContain('│');
  });

  it('prints in Chinese, with the statute text on request', () => {
    const text = formatRegimeReport(regimeReport(TEST_CLOCKS), 'zh-CN', { text: true });
    expect(text).toContain('\n第十条  关键信息基础设施采购\n');
    expect(text).toContain('\n  assessing          30个工作日(可延长一次,15个工作日) — 第十一条\n');
    expect(text).toContain('未被任何状态迁移、策略或服务引用的条款:第一条、第十四条、第十五条、第十六条');
    expect(text).toContain('  │ 第十六条 本办法自2017年6月1日起实施。\n');
    expect(text).toContain('文本缺失:');
  });

  it('fits an ordinary terminal', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = formatRegimeReport(regimeReport(TEST_CLOCKS, EXTRA), locale, { text: true });
      for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(100);
    }
  });
});

describe('article labels', () => {
  it('writes article numbers as statutes do', () => {
    expect([1, 9, 10, 11, 16, 20, 21, 99].map(cnNumeral)).toEqual(['一', '九', '十', '十一', '十六', '二十', '二十一', '九十九']);
    expect(() => cnNumeral(0)).toThrow(RangeError);
    expect(() => cnNumeral(100)).toThrow(RangeError);
    expect(articleLabel('8', 'zh-CN')).toBe('第八条');
    expect(articleLabel('8', 'en')).toBe('Art. 8');
    expect(articleLabel('7(2)', 'zh-CN')).toBe('第7(2)条');
  });
});
