/**
 * The 2017 profile with stage clocks added, standing in for the 2021 Measures (10 working days to
 * decide whether review is needed, 30 + 15 for the preliminary review, 15 for opinions). It shows
 * that clocks are pure data: the engine runs it unchanged. Clock rules cite the 2017 articles the
 * stage rests on, because a profile can only cite its own articles.
 */
import type { RegimeProfile } from '../types.ts';
import { CN_2017 } from './cn-2017.ts';

export const TEST_CLOCKS: RegimeProfile = {
  ...CN_2017,
  id: 'test-clocks',
  title: {
    'zh-CN': '测试用审查期限方案(以2017年办法为基础,模拟2021年办法的工作日期限)',
    en: 'Test clocks (the 2017 Measures with 2021-style working-day clocks)',
  },
  clocks: {
    determination: { workingDays: 10, article: '10' },
    triage: { workingDays: 10, article: '8' },
    assessing: { workingDays: 30, extensionDays: 15, article: '11' },
    expert_evaluation: { workingDays: 15, article: '6' },
  },
};
