import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { Option, type Command } from 'commander';
import { VERSION } from '../config.ts';
import { AppError } from '../errors.ts';
import { AdvisoryError, importAdvisories, importVex, type ImportResult } from '../supply-chain/advisories/index.ts';
import { analyzeSbom, toSarif } from '../supply-chain/findings/index.ts';
import { AdvisoryIndex } from '../supply-chain/match/index.ts';
import type { VexStatement } from '../supply-chain/model.ts';
import { parseSbom, SbomError, type ParsedSbom } from '../supply-chain/sbom/index.ts';
import { progressOnStderr } from './progress.ts';
import { formatReport, type Lang } from './sbom-report.ts';

const FORMATS = ['table', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface AnalyzeFlags {
  advisories?: string;
  vex: string[];
  format: Format;
  supplier?: string;
  lang: Lang;
  limit: string;
}

/** `netreview sbom …`: SBOM analysis without a database (Art. 4(1)–(2) supply-chain review). */
export function registerSbomCommands(program: Command): void {
  const sbom = program.command('sbom').description('Software bills of materials: NTIA check, provenance and advisory findings (Art. 4)');
  sbom
    .command('analyze')
    .description(
      'Read an SBOM (CycloneDX 1.4–1.6 JSON/XML, SPDX 2.3 JSON/tag-value, SPDX 3.0), print its NTIA minimum-elements report, ' +
        'supplier/provenance summary and, given --advisories, every component matched against them. Needs no database.',
    )
    .argument('<file>', 'SBOM file')
    .option('--advisories <path>', 'OSV advisories (JSON/YAML file, zip, or directory tree) or CSAF advisories to match against')
    .option('--vex <path>', 'VEX document (CSAF VEX or CycloneDX VEX) whose statements suppress findings; repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('table'))
    .option('--supplier <name>', 'the product supplier, when the SBOM does not name it (decides first-party components, Art. 4(1))')
    .addOption(new Option('--lang <locale>', 'language of the table output').choices(['zh-CN', 'en']).default('zh-CN'))
    .option('--limit <n>', 'findings listed in the table output at most', '50')
    .addHelpText('after', '\nExit status: 0 when analysed (findings or not); 1 when an input cannot be read, with the file and place named.')
    .action(async (file: string, o: AnalyzeFlags) => {
      await analyzeCommand(file, o);
    });
}

async function analyzeCommand(file: string, o: AnalyzeFlags): Promise<void> {
  const limit = Number(o.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new AppError('validation_failed', `--limit must be a whole number, not "${o.limit}"`);
  const progress = progressOnStderr();
  try {
    const sbom = readSbom(file);
    const imported = o.advisories === undefined ? null : await readAdvisories(o.advisories, (d, t) => progress.update('advisories', d, t));
    const vex: VexStatement[] = [];
    for (const path of o.vex) vex.push(...(await readVex(path)));
    const index = new AdvisoryIndex(imported?.advisories ?? []);
    const analysis = analyzeSbom(sbom, index, {
      vex,
      ...(o.supplier !== undefined ? { productSupplier: o.supplier } : {}),
      ...(imported !== null ? { groups: imported.groups } : {}),
      onProgress: (d, t) => progress.update('matching', d, t),
    });
    progress.stop();
    if (imported !== null && imported.errors.length > 0) {
      const first = imported.errors[0]!;
      process.stderr.write(`warning: ${imported.errors.length} advisory file(s) could not be read; first: ${first.path}: ${first.message}\n`);
    }
    const shown = displayPath(file);
    if (o.format === 'sarif') process.stdout.write(`${JSON.stringify(toSarif(analysis, { artifactUri: shown, toolVersion: VERSION }), null, 2)}\n`);
    else if (o.format === 'json') {
      const doc = {
        sbom: { file: shown, format: sbom.format, specVersion: sbom.specVersion, components: sbom.components.length, warnings: sbom.warnings },
        advisories: imported === null ? null : { source: o.advisories, counts: imported.counts },
        vexStatements: vex.length,
        ...analysis,
      };
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    } else {
      const advisories = imported === null ? null : { source: o.advisories ?? '', counts: imported.counts };
      process.stdout.write(`${formatReport({ file: shown, sbom, analysis, advisories, lang: o.lang, limit })}\n`);
    }
  } finally {
    progress.stop();
  }
}

/** Relative to the working directory when inside it, so logs and SARIF do not leak home paths. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || rel === '' ? file : rel;
}

function readSbom(file: string): ParsedSbom {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new AppError('invalid_document', `${file}: not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('not_found', `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (size === 0) throw new AppError('invalid_document', `${file}: empty file, not an SBOM`);
  try {
    return parseSbom(readFileSync(file));
  } catch (e) {
    if (e instanceof SbomError) throw new AppError('invalid_document', `${file}: ${e.message}`);
    throw e;
  }
}

async function readAdvisories(path: string, onProgress: (done: number, total: number) => void): Promise<ImportResult> {
  let r: ImportResult;
  try {
    r = await importAdvisories(path, { onProgress });
  } catch (e) {
    if (e instanceof AdvisoryError) throw new AppError(e.message.endsWith('no such file or directory') ? 'not_found' : 'invalid_document', e.message);
    throw e;
  }
  if (r.advisories.length === 0) {
    const first = r.errors[0];
    if (first !== undefined) throw new AppError('invalid_document', first.message.startsWith(first.path) ? first.message : `${first.path}: ${first.message}`);
    throw new AppError('invalid_document', `${path}: no OSV or CSAF advisories found (${r.counts.files} files looked at)`);
  }
  return r;
}

async function readVex(path: string): Promise<VexStatement[]> {
  try {
    return (await importVex(path)).statements;
  } catch (e) {
    if (e instanceof AdvisoryError) throw new AppError(e.message.endsWith('no such file') ? 'not_found' : 'invalid_document', e.message);
    throw e;
  }
}
