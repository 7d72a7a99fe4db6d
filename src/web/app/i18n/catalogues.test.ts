import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have the same keys (the type checker enforces it too)', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });
  it('use the same placeholders for each message, and no message is empty', () => {
    for (const [key, text] of Object.entries(en)) {
      const zh = zhCN[key as keyof typeof en];
      expect(placeholders(zh), key).toEqual(placeholders(text));
      expect(text.trim(), key).not.toBe('');
      expect(zh.trim(), key).not.toBe('');
    }
  });
  it('the Chinese catalogue is in Chinese wherever the English one has words', () => {
    const untranslated = Object.entries(en).filter(([key, text]) => /[a-z]{4,}/i.test(text.replace(/\{\w+\}/g, '')) && zhCN[key as keyof typeof en] === text && !/^app\.name$/.test(key));
    expect(untranslated).toEqual([]);
  });
});
