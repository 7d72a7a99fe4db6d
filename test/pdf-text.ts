/**
 * Reads back the text of a PDF pdfkit wrote, the way a reader's copy/search does: glyph ids of
 * each Type0 font mapped through its ToUnicode CMap. Enough for pdfkit's output (no object streams,
 * Flate content, TJ arrays of hex glyph ids); used to prove the Chinese renders with real CJK
 * glyphs and that a public report carries no confidential text.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  // The dictionary runs to `stream` or `endobj` (it may hold nested dictionaries).
  const re = /(\d+) 0 obj\s*([\s\S]*?)(stream\r?\n|endobj)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let stream: Buffer | null = null;
    if (m[3] !== 'endobj') {
      const start = m.index + m[0].length;
      const end = text.indexOf('\nendstream', start);
      const raw = pdf.subarray(start, end);
      re.lastIndex = end;
      stream = /\/FlateDecode/.test(m[2]!) ? inflateSync(raw) : raw;
    }
    out.set(Number(m[1]), { dict: m[2]!, stream });
  }
  return out;
}

function cmap(data: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.replace(/\s+/g, '').match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of data.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(r[1]!, 16);
      const hi = parseInt(r[2]!, 16);
      // Ligatures map to several code points: `<0066 0069>` is "fi".
      if (r[3]!.startsWith('[')) [...r[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((u, i) => map.set(lo + i, hex(u[1]!)));
      else for (let g = lo, u = parseInt(r[3]!.slice(1, -1), 16); g <= hi; g++, u++) map.set(g, String.fromCodePoint(u));
    }
  }
  for (const block of data.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(r[1]!, 16), hex(r[2]!));
  }
  return map;
}

export interface PdfFontInfo {
  baseFont: string;
  embedded: boolean;
  glyphs: number;
}

export function pdfFonts(pdf: Buffer): PdfFontInfo[] {
  const objs = objects(pdf);
  const out: PdfFontInfo[] = [];
  for (const o of objs.values()) {
    const base = /\/Subtype \/Type0[\s\S]*\/BaseFont \/([^\s/]+)[\s\S]*\/DescendantFonts \[(\d+) 0 R\][\s\S]*\/ToUnicode (\d+) 0 R/.exec(o.dict);
    if (!base) continue;
    const desc = objs.get(Number(base[2]))?.dict ?? '';
    const fd = /\/FontDescriptor (\d+) 0 R/.exec(desc);
    const embedded = fd ? /\/FontFile2 \d+ 0 R/.test(objs.get(Number(fd[1]))?.dict ?? '') : false;
    out.push({ baseFont: base[1]!, embedded, glyphs: cmap(objs.get(Number(base[3]))?.stream?.toString('latin1') ?? '').size });
  }
  return out;
}

/** The text of every page, in content order (lines joined by newlines). */
export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  const fontMaps = new Map<string, Map<number, string>>();
  for (const o of objs.values()) {
    const fonts = /\/Font <<([\s\S]*?)>>/.exec(o.dict);
    if (!fonts) continue;
    for (const f of fonts[1]!.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      if (fontMaps.has(f[1]!)) continue;
      const tu = /\/ToUnicode (\d+) 0 R/.exec(objs.get(Number(f[2]))?.dict ?? '');
      fontMaps.set(f[1]!, tu ? cmap(objs.get(Number(tu[1]))?.stream?.toString('latin1') ?? '') : new Map());
    }
  }
  const lines: string[] = [];
  for (const o of objs.values()) {
    if (!o.stream || !/\/Length/.test(o.dict) || /\/Subtype|\/Type|\/Length1/.test(o.dict)) continue;
    const s = o.stream.toString('latin1');
    if (!s.includes(' Tf')) continue;
    let map = new Map<number, string>();
    for (const t of s.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[^\]])*)\] TJ/g)) {
      if (t[1]) map = fontMaps.get(t[1]) ?? new Map();
      else lines.push([...t[2]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => (h[1]!.match(/.{4}/g) ?? []).map((g) => map.get(parseInt(g, 16)) ?? '\uFFFD').join('')).join(''));
    }
  }
  return lines.join('\n');
}
