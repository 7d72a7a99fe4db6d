/**
 * The 2017 Interim Security Review Measures for Network Products and Services as a regime profile:
 * the default regime every case runs under unless it records another.
 */
import { PRC_CALENDAR } from '../calendars/prc.ts';
import type { CaseAction } from '../../domain/lifecycle.ts';
import type { RegimeProfile, ReviewMethod, RiskCategory, Sector, Trigger } from '../types.ts';
import { CN_2017_ARTICLES } from './cn-2017-articles.ts';

export { TEXT_GAPS } from './cn-2017-articles.ts';

// The Chinese copy of Art. 4 stops before its list, so the English labels follow the reference
// translation and the Chinese labels below are OUR OWN translation of it, not statute text.
const CATEGORIES: readonly RiskCategory[] = [
  {
    id: 1,
    article: '4',
    label: {
      'zh-CN': '产品和服务自身的安全风险,以及被非法控制、干扰或中断运行的风险',
      en: 'Security risk in the product or service itself, including being unlawfully controlled, interfered with or interrupted',
    },
  },
  {
    id: 2,
    article: '4',
    label: {
      'zh-CN': '产品及关键部件在生产、测试、交付、技术支持全过程中的供应链安全风险',
      en: 'Supply-chain risk across manufacturing, testing, delivery and technical support of the product and its critical components',
    },
  },
  {
    id: 3,
    article: '4',
    label: {
      'zh-CN': '提供者在提供产品或服务时非法收集、存储、处理、使用用户相关信息的风险',
      en: 'The supplier unlawfully collecting, storing, processing or using user information while providing the product or service',
    },
  },
  {
    id: 4,
    article: '4',
    label: {
      'zh-CN': '提供者利用用户对产品和服务的依赖,损害网络安全和用户利益的风险',
      en: "The supplier exploiting users' reliance on the product or service to harm cybersecurity or users' interests",
    },
  },
  {
    id: 5,
    article: '4',
    label: { 'zh-CN': '其他可能危害国家安全的风险', en: 'Any other risk that may endanger national security' },
  },
];

// Chinese labels are the statute's own terms in Art. 3.
const METHODS: readonly ReviewMethod[] = [
  { id: 'enterprise_commitment', article: '3', label: { 'zh-CN': '企业承诺', en: 'Enterprise commitment' } },
  { id: 'public_supervision', article: '3', label: { 'zh-CN': '社会监督', en: 'Public supervision' } },
  { id: 'third_party_assessment', article: '3', label: { 'zh-CN': '第三方评价', en: 'Third-party assessment' } },
  { id: 'government_supervision', article: '3', label: { 'zh-CN': '政府持续监管', en: 'Continuous government supervision' } },
  { id: 'lab_testing', article: '3', label: { 'zh-CN': '实验室检测', en: 'Laboratory testing' } },
  { id: 'onsite_check', article: '3', label: { 'zh-CN': '现场检查', en: 'On-site inspection' } },
  { id: 'online_monitoring', article: '3', label: { 'zh-CN': '在线监测', en: 'Online monitoring' } },
  { id: 'background_investigation', article: '3', label: { 'zh-CN': '背景调查', en: 'Background investigation' } },
];

const TRIGGERS: readonly Trigger[] = [
  { id: 'national_requirement', article: '8', label: { 'zh-CN': '国家有关要求', en: 'National requirement' } },
  { id: 'association_request', article: '8', label: { 'zh-CN': '全国性行业协会建议', en: 'Request from a national industry association' } },
  { id: 'user_report', article: '8', label: { 'zh-CN': '用户反映', en: 'Report from users' } },
  { id: 'cii_procurement', article: '10', label: { 'zh-CN': '关键信息基础设施运营者采购', en: 'Procurement by a CII operator' } },
  // Advisories and change notices reopen a case because supervision under Art. 3 is continuous,
  // not a one-off certificate.
  { id: 'advisory', article: '3', label: { 'zh-CN': '涉及已审查产品的安全通告', en: 'Security advisory affecting a reviewed product' } },
  { id: 'change_notice', article: '3', label: { 'zh-CN': '提供者变更通知', en: 'Change notice from the supplier' } },
  { id: 'complaint', article: '14', label: { 'zh-CN': '提供者举报', en: 'Complaint by the supplier' } },
  { id: 'commitment_breach', article: '3', label: { 'zh-CN': '违反企业承诺', en: 'Breach of an enterprise commitment' } },
];

// Both lists end in "等" (and others): these are the named sectors, not a closed set.
const SECTORS: readonly Sector[] = [
  { id: 'public_communication', articles: ['10'], label: { 'zh-CN': '公共通信和信息服务', en: 'Public communication and information services' } },
  { id: 'energy', articles: ['9', '10'], label: { 'zh-CN': '能源', en: 'Energy' } },
  { id: 'transport', articles: ['9', '10'], label: { 'zh-CN': '交通', en: 'Transportation' } },
  { id: 'water', articles: ['10'], label: { 'zh-CN': '水利', en: 'Water conservancy' } },
  { id: 'finance', articles: ['9', '10'], label: { 'zh-CN': '金融', en: 'Finance' } },
  { id: 'public_services', articles: ['10'], label: { 'zh-CN': '公共服务', en: 'Public services' } },
  { id: 'e_government', articles: ['10'], label: { 'zh-CN': '电子政务', en: 'E-government' } },
  { id: 'telecom', articles: ['9'], label: { 'zh-CN': '电信', en: 'Telecommunications' } },
];

const CITATIONS: Readonly<Record<CaseAction, readonly string[]>> = {
  // A declaration puts a CII purchase (Art. 10) before the Art. 2 test of national security.
  declare_procurement: ['2', '10'],
  // Art. 5 makes the Office the body that conducts reviews; Art. 8 says what it opens them on.
  open_review: ['5', '8'],
  open_sector_review: ['9'],
  request_review: ['8'],
  report_concern: ['8'],
  accept: ['8'],
  dismiss: ['8'],
  // The department decides the Art. 2 question (does it touch national security) under Art. 10.
  determine_affects_security: ['2', '10'],
  determine_no_impact: ['2', '10'],
  // Whoever started the case may drop it: the operator's standing comes from Art. 10, an
  // association's from Art. 8. Nothing in the Measures forbids withdrawal.
  withdraw: ['8', '10'],
  // The Office runs the review (Art. 5) and may end one it organised (Art. 8), e.g. when the
  // supplier leaves the market; the reason goes in the audit event.
  terminate: ['5', '8'],
  open: ['8'],
  decline: ['8'],
  assign_assessor: ['7', '11'],
  assign_expert: ['6'],
  start_assessment: ['7', '11'],
  record_finding: ['4', '11'],
  request_supplement: ['12'],
  provide_supplement: ['12'],
  submit_assessment: ['11'],
  give_opinion: ['6'],
  decide: ['6', '8'],
  release: ['8', '13'],
  // A not-passed result ends the case once the Office has published or circulated it (Art. 8).
  close: ['8'],
  begin_supervision: ['3'],
  trigger_rereview: ['3'],
  revoke: ['3'],
  expire: ['3'],
  // The 2017 Measures set no deadlines, so the guard (an extendable clock) never passes under this
  // profile; the Office's control of review procedure (Art. 8, 按程序) is the nearest basis. Under a
  // clocked regime the extension also rests on the clock rule's own article.
  extend_clock: ['8'],
  // Re-review is continuous supervision (Art. 3) turning into a new review the Office opens (Art. 8).
  reopen: ['3', '8'],
};

export const CN_2017: RegimeProfile = {
  id: 'cn-2017-interim',
  title: {
    'zh-CN': '网络产品和服务安全审查办法(试行)',
    en: 'Interim Security Review Measures for Network Products and Services (2017)',
  },
  effectiveFrom: '2017-06-01',
  articles: CN_2017_ARTICLES,
  categories: CATEGORIES,
  methods: METHODS,
  triggers: TRIGGERS,
  sectors: SECTORS,
  citations: CITATIONS,
  // The 2017 Measures set no deadlines; the 2020 and 2021 Measures introduced them.
  clocks: {},
  calendar: PRC_CALENDAR,
  // The Measures fix no panel size or scale; these are the Office's working rules, as data.
  panel: {
    quorum: 3,
    categoryScale: { min: 0, max: 10, step: 1 },
    trustworthinessScale: { min: 0, max: 10, step: 1 },
    dispersion: { maxRange: 4, maxStdDev: 2 },
    defaultScoringDays: 14,
    article: '6',
  },
};
