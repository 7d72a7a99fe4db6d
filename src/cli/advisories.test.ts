import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'src/supply-chain/advisories/fixtures/osv');
const dataDir = mkdtempSync(join(tmpdir(), 'netreview-cli-adv-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function netreview(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return run(process.execPath, [join(ROOT, 'bin/netreview.js'), ...args], { env, cwd: ROOT, timeout: 120_000 });
}

describe('netreview advisories import', () => {
  it('imports a directory tree, counts what it skipped, and is idempotent on re-import', async () => {
    const first = await netreview('advisories', 'import', FIXTURES);
    // Not a terminal: no progress bar, only the counts.
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^imported 7 \(new 7, changed 0\), unchanged 0, withdrawn 1$/m);
    expect(first.stdout).toMatch(/^skipped 6 non-advisory files, 0 unreadable/m);
    expect(first.stdout).toMatch(/^affected products: 0 newly hit/m);
    const again = await netreview('advisories', 'import', FIXTURES, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, unchanged: 7, skipped: 6 });
  }, 180_000);

  it('names a missing path and exits non-zero', async () => {
    const e = await netreview('advisories', 'import', join(dataDir, 'nope')).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(e?.code).toBe(1);
    expect(e?.stderr).toMatch(/validation_failed.*no such file or directory/);
  }, 120_000);
});
