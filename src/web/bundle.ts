/**
 * The web application, bundled by esbuild into memory on first use and kept there. File names
 * carry the content hash, so the browser may cache them forever; the page at `/` is the only thing
 * that is revalidated. Everything is served from here: reviews run on air-gapped networks.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface Asset {
  name: string;
  contentType: string;
  body: Buffer;
  /** Compressed on first request (the CJK font takes most of a second). */
  gzip(): Buffer;
}

function lazyGzip(body: Buffer, level: number): () => Buffer {
  let z: Buffer | undefined;
  return () => (z ??= gzipSync(body, { level }));
}

export interface WebBundle {
  script: string;
  stylesheet: string;
  cjkFont: string | null;
  assets: Map<string, Asset>;
}

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), 'app');

/**
 * Noto Sans SC, served from here for machines without a Chinese font (air-gapped installs often
 * lack one). It is last in the font stack, so browsers with a local CJK font never download it.
 * (Adding it to the stack only after the first content was tried: Chromium then keeps its system
 * fallback for Han-only runs and shows boxes.)
 */
function cjkFont(): Asset | null {
  let file: string;
  try {
    file = join(dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json')), '400Regular', 'NotoSansSC_400Regular.ttf');
  } catch {
    return null;
  }
  if (!existsSync(file)) return null;
  const body = readFileSync(file);
  const name = `noto-sans-sc-400-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.ttf`;
  return { name, contentType: 'font/ttf', body, gzip: lazyGzip(body, 6) };
}

async function buildBundle(): Promise<WebBundle> {
  const font = cjkFont();
  const result = await build({
    entryPoints: { app: join(APP_DIR, 'main.tsx'), styles: join(APP_DIR, 'styles.css') },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: '/assets',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  let script = '';
  let stylesheet = '';
  if (font) assets.set(font.name, font);
  const fontFace = font ? `@font-face{font-family:"Netreview Noto Sans SC";src:url(/assets/${font.name}) format("truetype");font-weight:400;font-display:swap}` : '';
  for (const f of result.outputFiles) {
    const body = f.path.endsWith('.css') ? Buffer.concat([Buffer.from(fontFace), Buffer.from(f.contents)]) : Buffer.from(f.contents);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const isJs = f.path.endsWith('.js');
    const name = `${isJs ? 'app' : 'styles'}-${hash}.${isJs ? 'js' : 'css'}`;
    assets.set(name, { name, contentType: isJs ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8', body, gzip: lazyGzip(body, 9) });
    if (isJs) script = name;
    else stylesheet = name;
  }
  return { script, stylesheet, cjkFont: font ? font.name : null, assets };
}

let cached: Promise<WebBundle> | undefined;

export function webBundle(): Promise<WebBundle> {
  if (!cached) {
    cached = buildBundle();
    // A failed build is not cached: the next request tries again (and reports the error).
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

export function renderShell(b: WebBundle, lang: 'zh-CN' | 'en'): string {
  const title = lang === 'zh-CN' ? 'netreview — 网络产品和服务安全审查' : 'netreview — cybersecurity review of network products and services';
  const noscript = lang === 'zh-CN' ? '本应用需要启用 JavaScript。也可通过 HTTP 接口（/api/openapi.json）和命令行 netreview 使用全部流程。' : 'This application needs JavaScript. The whole lifecycle is also available through the HTTP API (/api/openapi.json) and the netreview CLI.';
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/${b.stylesheet}"><script type="module" src="/assets/${b.script}"></script></head>
<body><div id="app"></div><noscript><p>${noscript}</p></noscript></body></html>`;
}
