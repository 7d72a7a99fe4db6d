import { describe, expect, it } from 'vitest';
import { CsvBytes } from './csv-bytes.ts';

describe('CsvBytes', () => {
  it('writes integers, quoted text with doubled quotes, NULL as an empty field, UTF-8', () => {
    const w = new CsvBytes();
    w.int(0).comma().int(7).comma().int(1234567890).comma().int(-42).comma().text(null).comma().text('').comma().text('a"b,c').comma().text('安全\n').newline();
    expect(w.take()?.toString('utf8')).toBe('0,7,1234567890,-42,,"","a""b,c","安全\n"\n');
    expect(w.take()).toBeUndefined();
  });

  it('writes scores and flags unquoted', () => {
    const w = new CsvBytes();
    w.value(9.8).comma().value(null).comma().value(true).comma().value(false).comma().value(10).newline();
    expect(w.take()?.toString('utf8')).toBe('9.8,,true,false,10\n');
  });

  it('grows past one chunk and hands out only what was written, once', () => {
    const w = new CsvBytes();
    const long = 'x'.repeat(600_000);
    w.text(long).comma().text(long).newline();
    expect(w.take(2_000_000)).toBeUndefined();
    const out = w.take(1)?.toString('utf8');
    expect(out).toBe(`"${long}","${long}"\n`);
  });

  it('writes string-array JSON objects as text(JSON.stringify(…)) would, escapes included', () => {
    const cases: Record<string, string[]>[] = [
      { refs: ['root', 'pkg:npm/a@1.0.0'], names: ['root', 'a'] },
      { refs: [], names: [] },
      { refs: ['a"b', 'back\\slash', 'tab\tnew\nline', '\u0001', '安全', '😀', '\ud800lone'], names: ['"', ''] },
    ];
    for (const o of cases) {
      const direct = new CsvBytes();
      direct.jsonStringArrays(o).comma().int(1).newline();
      const viaText = new CsvBytes();
      viaText.text(JSON.stringify(o)).comma().int(1).newline();
      expect(direct.take()?.toString('utf8')).toBe(viaText.take()?.toString('utf8'));
    }
  });
});
