import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.ts';
import { drawAssessor } from '../../src/services/assignment/draw-assessor.ts';
import { buildCase, buildParties, ctxFor, systemCtx } from '../factories.ts';
import { driveTo, load } from '../factories-extra.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'netreview.js');

async function verifyCli(dataDir: string, ref: string): Promise<{ code: number; out: string }> {
  // The CLI opens the embedded database in DATA_DIR, whatever server the suite itself runs on.
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  try {
    const r = await run(process.execPath, [BIN, 'assignment', 'verify', ref], { env });
    return { code: 0, out: r.stdout };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}

describe('netreview assignment verify (Art. 11)', () => {
  it('says REPRODUCED for a faithful draw and MISMATCH (exit 1) for an altered one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'netreview-cli-'));
    let { db } = await openDatabase({ dataDir });
    const base = systemCtx(db);
    const p = await buildParties(base);
    const c = await buildCase(base, p, 'open_review');
    await driveTo(base, p, c.id, 'planning');
    const d = await drawAssessor(ctxFor(base, p.office), await load(base, p.office, c.id), {});
    await db.close();

    const ok = await verifyCli(dataDir, c.ref);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain(`seed ${d.seed}`);
    expect(ok.out.trim().split('\n').at(-1)).toBe('REPRODUCED');

    ({ db } = await openDatabase({ dataDir }));
    await db.query('UPDATE assignment_draws SET seed = $2 WHERE case_id = $1', [c.id, 'f'.repeat(64)]);
    await db.close();
    const bad = await verifyCli(dataDir, c.ref);
    expect(bad.code, bad.out).toBe(1);
    expect(bad.out).toMatch(/differs from its audit event/);
    expect(bad.out.trim().split('\n').at(-1)).toBe('MISMATCH');
  }, 120_000);
});
