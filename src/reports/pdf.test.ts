import { describe, expect, it } from 'vitest';
import { pdfFonts, pdfText } from '../../test/pdf-text.ts';
import { CONFIDENTIAL_MARKERS, reportSource } from '../../test/report-fixtures.ts';
import { buildReport } from './model.ts';
import { renderReportPdf } from './pdf.ts';
import { reportFont } from './fonts.ts';

const at = new Date('2026-03-01T02:00:00.000Z');

describe('bilingual report PDF', () => {
  it('sets the Chinese in an embedded Noto Sans SC subset that maps back to the same text', async () => {
    const pdf = await renderReportPdf(buildReport(reportSource(3), 'full', { reportId: 'r-1', generatedAt: at }));
    const fonts = pdfFonts(pdf);
    expect(fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
    expect(fonts.every((f) => f.embedded && f.glyphs > 50)).toBe(true);
    const text = pdfText(pdf);
    for (const s of ['网络产品和服务安全评估报告', 'Security Assessment Report', '附条件通过审查', '华东网络设备有限公司', '第4条 Art. 4', '远程维护接口未文档化', '专家委员会综合评估']) expect(text).toContain(s);
    expect(text).not.toContain('\uFFFD');
    // Every character drawn has a real glyph in the font (none fell back to .notdef).
    const missing = [...new Set(text.replace(/\s/g, ''))].filter((ch) => !reportFont('regular').hasGlyphForCodePoint(ch.codePointAt(0)!) || !reportFont('bold').hasGlyphForCodePoint(ch.codePointAt(0)!));
    expect(missing).toEqual([]);
  });

  it('the public version shows the released result and nothing confidential', async () => {
    const doc = buildReport(reportSource(3), 'public', { reportId: 'r-1', generatedAt: at });
    const text = pdfText(await renderReportPdf(doc));
    expect(text).toContain('EdgeRouter X9 4.2.1 附条件通过网络安全审查');
    expect(text).toContain('公开版本');
    for (const m of [...CONFIDENTIAL_MARKERS, '国家网络安全测评中心', 'Provincial dispatch']) {
      expect(text).not.toContain(m);
      expect(JSON.stringify(doc)).not.toContain(m);
    }
    expect(Object.keys(doc).sort()).toEqual(['articlesCited', 'case', 'generatedAt', 'regime', 'reportId', 'result', 'schema', 'variant']);
  });
});
