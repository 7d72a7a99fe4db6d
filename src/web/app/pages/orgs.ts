import { locale } from '../i18n/index.ts';
import type { Organisation } from '../types.ts';

export function orgName(o: Organisation): string {
  return locale() === 'zh-CN' && o.nameZh ? o.nameZh : o.name;
}
