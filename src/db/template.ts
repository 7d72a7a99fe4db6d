import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgliteDb } from './pglite.ts';
import { migrate, migrationSetHash } from './migrate.ts';

/**
 * PGlite's initdb takes 3–5 s; loading a pre-initialised, fully migrated image takes about one.
 * The image is built once per migration set (at install, on first start, or by the test setup),
 * cached under node_modules/.cache, and copied into every new data directory.
 */
const PROJECT_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

export function templatePath(): string {
  return join(PROJECT_ROOT, 'node_modules', '.cache', 'netreview', `pglite-${migrationSetHash()}.tar`);
}

let building: Promise<string> | undefined;

export function ensureTemplate(): Promise<string> {
  building ??= (async () => {
    const path = templatePath();
    if (existsSync(path)) return path;
    const db = await PgliteDb.open({});
    try {
      await migrate(db);
      const dump = await db.pg.dumpDataDir('none');
      mkdirSync(dirname(path), { recursive: true });
      // Written aside then renamed, so a concurrent reader never loads half an image.
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
      renameSync(tmp, path);
      // Images of older migration sets are never loaded again.
      for (const f of readdirSync(dirname(path))) if (/^pglite-[0-9a-f]+\.tar$/.test(f) && join(dirname(path), f) !== path) rmSync(join(dirname(path), f), { force: true });
    } finally {
      await db.close();
    }
    return path;
  })();
  return building;
}

export async function loadTemplate(): Promise<Blob> {
  return new Blob([readFileSync(await ensureTemplate())]);
}
