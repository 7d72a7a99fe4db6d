import { Command, Option } from 'commander';
import { configFromEnv, VERSION } from '../config.ts';
import { startServer, systemContext } from '../server.ts';
import { openDatabase } from '../db/open.ts';
import { migrate } from '../db/migrate.ts';
import { ensureTemplate } from '../db/template.ts';
import { join } from 'node:path';
import { AppError } from '../errors.ts';
import { createUser } from '../services/identity/create-user.ts';
import { createOrganisation } from '../services/identity/create-organisation.ts';
import { verifyAudit } from '../services/audit/verify-audit.ts';
import { DEFAULT_REGIME_ID, findRegime, formatRegimeReport, listRegimes, regimeReport } from '../regime/index.ts';
import { ABILITY_ARTICLES, ASSESSMENT_ABILITY_ARTICLES, PANEL_ABILITY_ARTICLES, REGISTRY_ARTICLES } from '../policies/index.ts';
import { ORG_KINDS } from '../domain/actor.ts';
import { registerCatalogCommands } from './catalog.ts';
import { registerAssignmentCommands } from './assignment.ts';
import { registerAdvisoryCommands } from './advisories.ts';
import { registerSbomCommands } from './sbom.ts';
import { registerReportCommands } from './report.ts';
import { registerConditionCommands } from './conditions.ts';

const program = new Command();
program.name('netreview').description('Cybersecurity reviews of network products and services (2017 Interim Measures)').version(VERSION);

async function withDb<T>(fn: (ctx: ReturnType<typeof systemContext>) => Promise<T>): Promise<T> {
  const cfg = configFromEnv();
  const { db } = await openDatabase({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
  try {
    return await fn(systemContext(db, join(cfg.dataDir, 'blobs'), 'cli'));
  } finally {
    await db.close();
  }
}

program
  .command('serve')
  .description('Serve the web app and API (PORT, DATA_DIR, DATABASE_URL)')
  .option('--no-seed', 'do not create demo organisations and users on a new database')
  .option('--log', 'log each request (JSON lines)')
  .action(async (o: { seed: boolean; log?: boolean }) => {
    const cfg = configFromEnv();
    const started = performance.now();
    const r = await startServer(cfg, { seed: o.seed, logger: !!o.log });
    console.log(`netreview ${VERSION} serving ${r.url}  (database: ${cfg.databaseUrl ? 'PostgreSQL server' : `embedded, ${cfg.dataDir}`}; ready in ${Math.round(performance.now() - started)} ms)`);
    if (r.demo) {
      console.log('\nDemo organisations and users were created. Open the URL above in a browser and sign in (or POST /api/v1/session) with:');
      for (const d of r.demo) console.log(`  ${d.username.padEnd(12)} ${d.password}   ${d.kind}`);
      console.log(`(also saved to ${join(cfg.dataDir, 'demo-credentials.txt')})`);
    }
    const stop = async () => {
      await r.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('prepare')
  .description('Prepare this installation for fast starts: the migrated embedded-database image (npm runs this after install; a start does it too when needed)')
  .action(async () => {
    const started = performance.now();
    const image = await ensureTemplate();
    console.log(`netreview: embedded database image ready (${image}, ${Math.round(performance.now() - started)} ms)`);
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const cfg = configFromEnv();
    const { db } = await openDatabase({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
    const done = await migrate(db);
    console.log(done.length ? `applied: ${done.join(', ')}` : 'database is up to date');
    await db.close();
  });

const org = program.command('org').description('Organisations (parties of the Measures)');
org
  .command('add')
  .description('Register an organisation')
  .addOption(new Option('--kind <kind>', 'kind of party').choices([...ORG_KINDS]).makeOptionMandatory())
  .requiredOption('--name <name>', 'name')
  .option('--name-zh <name>', 'Chinese name')
  .option('--sector <sector>', 'sector (regulators, protection departments, operators)')
  .option('--group <group>', 'corporate group (conflict checks)')
  .option('--accredited-until <date>', 'accreditation valid until (assessors, YYYY-MM-DD)')
  .action(async (o: { kind: string; name: string; nameZh?: string; sector?: string; group?: string; accreditedUntil?: string }) => {
    const row = await withDb((ctx) =>
      createOrganisation(ctx, {
        kind: o.kind,
        name: o.name,
        ...(o.nameZh ? { nameZh: o.nameZh } : {}),
        ...(o.sector ? { sector: o.sector } : {}),
        ...(o.group ? { groupName: o.group } : {}),
        ...(o.accreditedUntil ? { accreditedUntil: o.accreditedUntil } : {}),
      }),
    );
    console.log(`organisation ${row.id} (${row.kind}) "${row.name}"`);
  });

const user = program.command('user').description('Users');
user
  .command('add')
  .description('Create a user in an organisation')
  .requiredOption('--username <name>', 'sign-in name')
  .requiredOption('--org <org>', 'organisation id or exact name')
  .option('--display-name <name>', 'name shown to others')
  .option('--password <password>', 'password (default: read NETREVIEW_PASSWORD)')
  .addOption(new Option('--locale <locale>', 'language').choices(['zh-CN', 'en']).default('zh-CN'))
  .action(async (o: { username: string; org: string; displayName?: string; password?: string; locale: string }) => {
    const password = o.password ?? process.env.NETREVIEW_PASSWORD;
    if (!password) throw new AppError('validation_failed', 'give --password or set NETREVIEW_PASSWORD');
    const u = await withDb((ctx) => createUser(ctx, { username: o.username, displayName: o.displayName ?? o.username, password, organisation: o.org, locale: o.locale }));
    console.log(`user ${u.id} "${u.username}" in organisation ${u.orgId}`);
  });

const audit = program.command('audit').description('The hash-chained audit log');
audit
  .command('verify')
  .description('Recompute the chain and name the first broken link')
  .action(async () => {
    const r = await withDb((ctx) => verifyAudit(ctx));
    if (r.ok) console.log(`audit chain intact: ${r.checked} events verified (head ${r.headSeq})`);
    else {
      console.error(`audit chain BROKEN at event ${r.brokenAt!.seq}: ${r.brokenAt!.reason} (${r.checked} events verified before it)`);
      process.exitCode = 2;
    }
  });

const regime = program.command('regime').description('The regime profiles (the Measures as data)');
regime
  .command('show')
  .description('List each article with the transitions and policies that cite it, and articles nothing cites')
  .option('--id <id>', 'regime profile id', DEFAULT_REGIME_ID)
  .addOption(new Option('--lang <locale>', 'language').choices(['zh-CN', 'en']).default('zh-CN'))
  .option('--text', 'print each article’s Chinese text')
  .option('--list', 'list the known regime profiles')
  .action((o: { id: string; lang: 'zh-CN' | 'en'; text?: boolean; list?: boolean }) => {
    if (o.list) {
      for (const r of listRegimes()) console.log(`${r.id}${r.isDefault ? ' (default)' : ''}  ${r.title[o.lang]}  ${r.effectiveFrom}`);
      return;
    }
    const profile = findRegime(o.id);
    if (!profile) throw new AppError('not_found', `no regime "${o.id}"`);
    const extra = Object.entries({ ...ABILITY_ARTICLES, ...ASSESSMENT_ABILITY_ARTICLES, ...REGISTRY_ARTICLES, ...PANEL_ABILITY_ARTICLES }).flatMap(([name, arts]) => arts.map((article) => ({ article, kind: 'policy' as const, name })));
    console.log(formatRegimeReport(regimeReport(profile, extra), o.lang, { text: !!o.text }));
  });

program
  .command('scenario')
  .description('Drive one case through every stage over the HTTP API on a fresh embedded database; exit 0 only if all held')
  .option('--json', 'print the steps as JSON')
  .action(async (o: { json?: boolean }) => {
    const { runScenario } = await import('../scenario/run.ts');
    const r = await runScenario({ print: !o.json });
    if (o.json) console.log(JSON.stringify(r, null, 2));
    process.exitCode = r.ok ? 0 : 1;
  });

registerCatalogCommands(program);
registerAssignmentCommands(program);
registerAdvisoryCommands(program);
registerSbomCommands(program);
registerReportCommands(program);
registerConditionCommands(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof AppError) {
    console.error(`error (${e.code}): ${e.message}`);
    for (const f of e.extra.errors ?? []) console.error(`  ${f.path}: ${f.message}`);
  } else console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
