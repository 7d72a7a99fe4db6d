/**
 * The peer of the matcher benchmark: @renovatebot/osv-offline-db (1.8.0, the newest that runs on
 * Node 20), loaded with the same OSV corpus, offline. The package normally reads nedb files that
 * its sibling osv-offline downloads from osv.dev; here the same files are written locally from
 * the shared corpus, exactly as its query expects them: one nedb file per ecosystem
 * (`<ecosystem lower-case>.nedb`, one JSON document per line) in OSV_OFFLINE_ROOT_DIR, each
 * `affected[].package` reduced to { name, ecosystem, purl } with the purl its own helper derives
 * (its query matches that object whole).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type * as OsvOfflineDbModule from '@renovatebot/osv-offline-db';

export interface PeerDb {
  ecosystems: readonly string[];
  query(ecosystem: string, name: string): Promise<unknown[]>;
}

interface RawRecord {
  id?: unknown;
  affected?: { package?: { name?: string; ecosystem?: string } }[];
}

function rawRecords(dir: string, out: RawRecord[] = []): RawRecord[] {
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) rawRecords(p, out);
    else if (/\.(json|ya?ml)$/.test(ent.name)) {
      try {
        const text = readFileSync(p, 'utf8');
        const doc = (ent.name.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as RawRecord;
        if (typeof doc === 'object' && doc !== null && typeof doc.id === 'string' && Array.isArray(doc.affected)) out.push(doc);
      } catch {
        // READMEs, licences and broken files are not advisories for the peer either.
      }
    }
  }
  return out;
}

/** Writes the peer's nedb files for `corpusDir` under `rootDir` and opens the peer on them. */
export async function openPeer(corpusDir: string, rootDir: string): Promise<PeerDb & { records: number }> {
  // Read by the package when it is first loaded: set it before the import below.
  process.env.OSV_OFFLINE_ROOT_DIR = rootDir;
  const mod: typeof OsvOfflineDbModule = await import('@renovatebot/osv-offline-db');
  const { packageToPurl } = (await import('@renovatebot/osv-offline-db/dist/lib/purl-helper.js')) as { packageToPurl(e: string, n: string): string };
  const lines = new Map<string, string[]>(mod.ecosystems.map((e) => [e, []]));
  let records = 0;
  for (const rec of rawRecords(corpusDir)) {
    const ecosystems = new Set<string>();
    const affected = (rec.affected ?? []).map((a) => {
      const eco = a.package?.ecosystem, name = a.package?.name;
      if (typeof eco !== 'string' || typeof name !== 'string' || !lines.has(eco)) return a;
      ecosystems.add(eco);
      return { ...a, package: { name, ecosystem: eco, purl: packageToPurl(eco, name) } };
    });
    for (const eco of ecosystems) lines.get(eco)!.push(JSON.stringify({ ...rec, affected, _id: `${rec.id as string}` }));
    if (ecosystems.size > 0) records++;
  }
  for (const [eco, docs] of lines) writeFileSync(join(rootDir, `${eco.toLowerCase()}.nedb`), docs.length ? `${docs.join('\n')}\n` : '');
  const db = await mod.OsvOfflineDb.create();
  return { ecosystems: mod.ecosystems, records, query: (ecosystem, name) => db.query(ecosystem as never, name) };
}
