import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors.ts';
import { requireSharedData, sharedPath } from '../../test/shared-data.ts';
import { oscalErrors } from '../../test/oscal.ts';
import { registerCatalogCommands } from './catalog.ts';

// The commands run in-process on a fresh embedded database in a temporary DATA_DIR.
const dir = mkdtempSync(join(tmpdir(), 'netreview-catalog-cli-'));
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };

beforeAll(() => {
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<string[]> {
  const program = new Command().exitOverride();
  registerCatalogCommands(program);
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void lines.push(String(s)));
  try {
    await program.parseAsync(['node', 'netreview', ...args]);
  } finally {
    spy.mockRestore();
  }
  return lines;
}

describe.skipIf(!requireSharedData('catalog CLI'))('netreview catalog', () => {
  it('imports an OSCAL catalog file, lists it, and exports it as a valid OSCAL 1.1 catalog', async () => {
    const out = await run('catalog', 'import', sharedPath('oscal/nist-oscal-content/examples/catalog/json/basic-catalog.json'), '--id', 'basic');
    expect(out[0]).toMatch(/^catalogue basic \(74c8ba1e-5cd4-4ad1-bbfd-d888e2f6c724\) .*: 8 groups and controls imported/);
    expect((await run('catalog', 'list')).join('\n')).toMatch(/basic\s+8 clauses\s+oscal_import/);
    const file = join(dir, 'basic.json');
    await run('catalog', 'export', 'basic', '--out', file);
    expect(oscalErrors('complete-1.1.2', JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
  }, 60_000);

  it('refuses a file that is not an OSCAL catalog with a precise error', async () => {
    const file = join(dir, 'not-oscal.json');
    writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5' }));
    const e = await run('catalog', 'import', file).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('invalid_document');
    expect((e as AppError).extra.errors?.[0]?.path).toBe('/catalog');
  }, 60_000);
});
