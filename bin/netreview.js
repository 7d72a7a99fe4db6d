#!/usr/bin/env node
// Entry point. The TypeScript sources run as they are, with no build step on a fresh clone: the
// first run bundles src/ with esbuild into node_modules/.cache/netreview (keyed by the sources'
// paths, sizes and times, and the lock file), and every run loads that one module instead of
// transforming some 400 files through tsx, which is most of a cold start. NETREVIEW_NO_BUNDLE=1,
// or a bundle that cannot be built, runs the sources through tsx instead.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function sourceDigest() {
  const h = createHash('sha256');
  h.update(`${root}\n${process.version}\n`);
  for (const f of ['package-lock.json', 'package.json']) {
    const p = join(root, f);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = statSync(p);
        h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  walk(src);
  return h.digest('hex').slice(0, 16);
}

// Modules find their files (migrations, the web app, fonts, the regime's texts) relative to their
// own location: in the bundle each keeps the URL of the source file it came from.
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replace(/\bimport\.meta\.url\b/g, url), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

async function bundle() {
  if (process.env.NETREVIEW_NO_BUNDLE) return null;
  try {
    const cacheDir = join(root, 'node_modules', '.cache', 'netreview');
    const out = join(cacheDir, `cli-${sourceDigest()}.mjs`);
    if (existsSync(out)) return out;
    const esbuild = await import('esbuild');
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp.mjs`;
    await esbuild.build({
      entryPoints: [join(src, 'cli', 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      outfile: tmp,
      logLevel: 'silent',
      plugins: [keepModuleUrls],
    });
    renameSync(tmp, out);
    // Bundles of older sources are never loaded again.
    for (const f of readdirSync(cacheDir)) if (/^cli-[0-9a-f]+\.mjs$/.test(f) && join(cacheDir, f) !== out) rmSync(join(cacheDir, f), { force: true });
    return out;
  } catch (e) {
    if (process.env.NETREVIEW_DEBUG) console.error('netreview: running from sources (bundle failed):', e);
    return null;
  }
}

const bundled = await bundle();
if (bundled) await import(pathToFileURL(bundled).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
