/**
 * What `netreview regime show` prints: each article with the transitions and the policies or
 * services that rest on it, and the articles nothing rests on (an uncited article is either
 * declaratory, like an entry-into-force clause, or a duty the software does not yet carry out).
 */
import { calendarYears } from '../domain/clock.ts';
import { CASE_STATES, CREATE_ACTIONS, CREATE_ACTION_NAMES, TRANSITIONS } from '../domain/lifecycle.ts';
import type { CaseAction, CaseState, TransitionRule } from '../domain/lifecycle.ts';
import { textGapsFor } from './registry.ts';
import type { TextGap, TextGaps } from './text-gap.ts';
import type { Bilingual, ClockRule, Locale, RegimeProfile } from './types.ts';

export interface ExtraCitation {
  article: string;
  kind: 'policy' | 'service';
  name: string;
}

export interface CitedTransition {
  /** null: the action creates the case. */
  state: CaseState | null;
  action: CaseAction;
  to: CaseState;
}

export interface ProfileReference {
  kind: 'category' | 'method' | 'trigger' | 'sector' | 'clock';
  id: string;
}

export interface ArticleReport {
  number: string;
  title: Bilingual;
  summary: Bilingual;
  textZh: string;
  transitions: CitedTransition[];
  citedBy: ExtraCitation[];
  /** Profile data (categories, triggers, …) that names the article; informative, not a citation. */
  references: ProfileReference[];
  gap: TextGap | null;
}

export interface RegimeReport {
  regime: { id: string; title: Bilingual; effectiveFrom: string };
  articles: ArticleReport[];
  /** Articles no transition, policy or service cites. */
  uncited: string[];
  /** Policy or service citations naming an article the regime does not have. */
  dangling: ExtraCitation[];
  clocks: { stage: CaseState; rule: ClockRule }[];
  calendarYears: number[];
}

function allTransitions(): CitedTransition[] {
  const created = CREATE_ACTION_NAMES.map((action) => ({ state: null, action, to: CREATE_ACTIONS[action].to as CaseState }));
  const moved = CASE_STATES.flatMap((state) =>
    Object.entries(TRANSITIONS[state] as Record<string, TransitionRule>).map(([action, rule]) => ({ state, action: action as CaseAction, to: rule.to })),
  );
  return [...created, ...moved];
}

export function regimeReport(profile: RegimeProfile, extraCitations: readonly ExtraCitation[] = [], textGaps: TextGaps = textGapsFor(profile.id)): RegimeReport {
  const known = new Set(profile.articles.map((a) => a.number));
  const transitions = allTransitions();
  const references: (ProfileReference & { article: string })[] = [
    ...profile.categories.map((c) => ({ kind: 'category' as const, id: String(c.id), article: c.article })),
    ...profile.methods.map((m) => ({ kind: 'method' as const, id: m.id, article: m.article })),
    ...profile.triggers.map((t) => ({ kind: 'trigger' as const, id: t.id, article: t.article })),
    ...profile.sectors.flatMap((s) => s.articles.map((article) => ({ kind: 'sector' as const, id: s.id, article }))),
    ...Object.entries(profile.clocks).flatMap(([stage, rule]) => (rule ? [{ kind: 'clock' as const, id: stage, article: rule.article }] : [])),
  ];

  const articles = profile.articles.map((a) => ({
    number: a.number,
    title: a.title,
    summary: a.summary,
    textZh: a.textZh,
    transitions: transitions.filter((t) => profile.citations[t.action].includes(a.number)),
    citedBy: extraCitations.filter((c) => c.article === a.number),
    references: references.filter((r) => r.article === a.number).map(({ kind, id }) => ({ kind, id })),
    gap: textGaps[a.number] ?? null,
  }));

  return {
    regime: { id: profile.id, title: profile.title, effectiveFrom: profile.effectiveFrom },
    articles,
    uncited: articles.filter((a) => a.transitions.length === 0 && a.citedBy.length === 0).map((a) => a.number),
    dangling: extraCitations.filter((c) => !known.has(c.article)),
    clocks: Object.entries(profile.clocks).flatMap(([stage, rule]) => (rule ? [{ stage: stage as CaseState, rule }] : [])),
    calendarYears: calendarYears(profile.calendar),
  };
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals as statutes number articles (十, 十六, 二十一). */
export function cnNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`cnNumeral supports 1–99, got ${n}`);
  if (n < 10) return DIGITS[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export function articleLabel(number: string, locale: Locale): string {
  if (locale === 'en') return `Art. ${number}`;
  return /^\d+$/.test(number) && Number(number) <= 99 ? `第${cnNumeral(Number(number))}条` : `第${number}条`;
}

const L = {
  en: {
    regime: 'Regime',
    inForce: 'in force from',
    clocks: 'Stage clocks',
    none: 'none',
    workingDays: (n: number, ext?: number) => `${n} working days${ext ? ` (+${ext} once)` : ''}`,
    calendar: 'Holiday calendar',
    calendarNote: 'other years count Monday–Friday only',
    transitions: 'Transitions',
    newCase: '(new case)',
    stays: '(recorded, state unchanged)',
    citedBy: 'Policies and services',
    references: 'Profile data',
    kinds: { category: 'risk categories', method: 'methods', trigger: 'triggers', sector: 'sectors', clock: 'clocks' },
    gap: 'Text gap',
    uncited: 'Cited by no transition, policy or service',
    dangling: 'Citations of articles this regime lacks',
    list: ', ',
    colon: ': ',
  },
  'zh-CN': {
    regime: '审查规则',
    inForce: '施行日期',
    clocks: '阶段期限',
    none: '无',
    workingDays: (n: number, ext?: number) => `${n}个工作日${ext ? `(可延长一次,${ext}个工作日)` : ''}`,
    calendar: '节假日日历',
    calendarNote: '其他年份仅按周一至周五计算',
    transitions: '状态迁移',
    newCase: '(新建案件)',
    stays: '(记录步骤,状态不变)',
    citedBy: '策略与服务',
    references: '规则数据',
    kinds: { category: '风险类别', method: '审查方式', trigger: '启动事由', sector: '行业领域', clock: '期限' },
    gap: '文本缺失',
    uncited: '未被任何状态迁移、策略或服务引用的条款',
    dangling: '引用了本规则中不存在条款的策略或服务',
    list: '、',
    colon: ':',
  },
} as const;

const WIDTH = 100;

// East Asian wide characters (CJK ideographs and punctuation, full-width forms) take two columns.
const WIDE = '\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6';
const WIDE_CHAR = new RegExp(`[${WIDE}]`, 'u');
const TOKEN = new RegExp(`[${WIDE}]|\\s+|[^\\s${WIDE}]+`, 'gu');

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE_CHAR.test(ch) ? 2 : 1;
  return w;
}

// Chinese has no spaces to break on, so each CJK character is its own token; Latin words stay whole.
// Spaces inside a line are kept (they align columns); continuation lines start at `hang`.
function wrap(text: string, indent: string, hang: string = indent): string[] {
  const tokens = text.match(TOKEN) ?? [];
  const lines: string[] = [];
  let prefix = indent;
  let line = '';
  for (const tok of tokens) {
    const isSpace = /^\s+$/.test(tok);
    if (!isSpace && line.trim() && displayWidth(prefix + line + tok) > WIDTH) {
      lines.push(prefix + line.trimEnd());
      prefix = hang;
      line = tok;
    } else if (!(isSpace && !line)) {
      line += tok;
    }
  }
  if (line.trim()) lines.push(prefix + line.trimEnd());
  return lines;
}

function describeAction(steps: readonly CitedTransition[], t: (typeof L)[Locale]): string {
  const loops = steps.every(({ state: from, to }) => from === to);
  if (loops) return `${steps.map((s) => s.to).join(', ')} ${t.stays}`;
  const targets = new Set(steps.map((s) => s.to));
  if (targets.size === 1) return `${steps.map((s) => s.state ?? t.newCase).join(', ')} → ${steps[0]?.to ?? ''}`;
  return steps.map((s) => `${s.state ?? t.newCase} → ${s.to}`).join('; ');
}

export function formatRegimeReport(report: RegimeReport, locale: Locale, opts: { text?: boolean } = {}): string {
  const t = L[locale];
  const out: string[] = [];
  const { regime } = report;
  out.push(regime.title[locale], `${t.regime} ${regime.id} · ${t.inForce} ${regime.effectiveFrom}`);
  if (report.clocks.length === 0) out.push(`${t.clocks}${t.colon}${t.none}`);
  else {
    out.push(`${t.clocks}${t.colon}`.trimEnd());
    const pad = Math.max(...report.clocks.map((c) => c.stage.length));
    for (const c of report.clocks) {
      out.push(`  ${c.stage.padEnd(pad)}  ${t.workingDays(c.rule.workingDays, c.rule.extensionDays)} — ${articleLabel(c.rule.article, locale)}`);
    }
  }
  const years = report.calendarYears.length ? `${report.calendarYears.join(t.list)} (${t.calendarNote})` : t.none;
  out.push(`${t.calendar}${t.colon}${years}`);

  for (const a of report.articles) {
    out.push('', `${articleLabel(a.number, locale)}  ${a.title[locale]}`);
    out.push(...wrap(a.summary[locale], '  '));
    if (opts.text) out.push(...wrap(`${articleLabel(a.number, 'zh-CN')} ${a.textZh}`, '  │ '));

    const byAction = new Map<string, CitedTransition[]>();
    for (const tr of a.transitions) byAction.set(tr.action, [...(byAction.get(tr.action) ?? []), tr]);
    if (byAction.size === 0) out.push(`  ${t.transitions}${t.colon}${t.none}`);
    else {
      out.push(`  ${t.transitions}${t.colon}`.trimEnd());
      const pad = Math.max(...[...byAction.keys()].map((k) => k.length));
      for (const [action, steps] of byAction) out.push(...wrap(`${action.padEnd(pad)}  ${describeAction(steps, t)}`, '    ', ' '.repeat(pad + 6)));
    }

    if (a.citedBy.length === 0) out.push(`  ${t.citedBy}${t.colon}${t.none}`);
    else {
      out.push(`  ${t.citedBy}${t.colon}`.trimEnd());
      for (const c of a.citedBy) out.push(`    ${c.kind.padEnd(7)} ${c.name}`);
    }

    if (a.references.length > 0) {
      const byKind = new Map<ProfileReference['kind'], string[]>();
      for (const r of a.references) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id]);
      const refs = [...byKind].map(([kind, ids]) => `${t.kinds[kind]} ${ids.join(', ')}`).join('; ');
      out.push(...wrap(`${t.references}${t.colon}${refs}`, '  ', '    '));
    }
    if (a.gap) out.push(...wrap(`${t.gap}${t.colon}${a.gap.missing[locale]} ${a.gap.substitute[locale]}`, '  ', '    '));
  }

  out.push('');
  const uncited = report.uncited.map((n) => articleLabel(n, locale)).join(t.list);
  out.push(...wrap(`${t.uncited}${t.colon}${uncited || t.none}`, ''));
  if (report.dangling.length > 0) {
    out.push(`${t.dangling}${t.colon}`.trimEnd());
    for (const c of report.dangling) out.push(`  ${c.kind} ${c.name} → ${articleLabel(c.article, locale)}`);
  }
  return out.join('\n') + '\n';
}
