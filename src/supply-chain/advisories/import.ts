import { closeSync, fstatSync, openSync, opendirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Advisory } from '../model.ts';
import { ecosystemBase } from '../ecosystems.ts';
import { AliasGroups } from './aliases.ts';
import { isCsaf, parseCsaf } from './csaf.ts';
import { advisoryDigest } from './digest.ts';
import { AdvisoryError } from './errors.ts';
import { kindOfFile, parseStructured } from './load.ts';
import { looksLikeOsv, parseOsv } from './osv.ts';
import { BOMB, DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntry } from './zip.ts';
import type { ZipEntry, ZipLimits } from './zip.ts';

/**
 * Advisory import from a file, a zip or a directory tree. Files are visited in sorted order and
 * the result is sorted, so the same data always gives the same result whatever the file
 * system's listing order; within one import a later `modified` wins for the same id.
 */

export type SkipReason = 'documentation' | 'unsupported-file-type' | 'not-an-advisory' | 'hidden' | 'empty' | 'symlinked-directory';

export interface ImportOptions {
  /** Called after each file or archive entry; `total` grows when an archive is opened. */
  onProgress?(done: number, total: number): void;
  /** Called for every record as it is parsed (before de-duplication), for streaming consumers. */
  onAdvisory?(advisory: Advisory): void;
  zipLimits?: Partial<ZipLimits>;
  /** Largest plain file read (default 64 MiB); larger ones are errors, not silently skipped. */
  maxFileBytes?: number;
  /** Largest archive read into memory (default 2 GiB). */
  maxArchiveBytes?: number;
  signal?: AbortSignal;
}

export interface ImportCounts {
  /** Files and archive entries looked at. */
  files: number;
  /** Records parsed successfully (before de-duplication by id). */
  records: number;
  /** Advisories returned (one per id). */
  advisories: number;
  /** Records that lost to another record with the same id (older `modified`, or the same content). */
  superseded: number;
  withdrawn: number;
  skipped: Record<SkipReason, number>;
  errors: number;
  /** Advisories per ecosystem (without release suffix: 'AlmaLinux', not 'AlmaLinux:9'). */
  byEcosystem: Record<string, number>;
  /** Alias groups holding at least one advisory. */
  aliasGroups: number;
  /** Distinct vulnerabilities once aliases are joined and errata counted by the CVEs they fix. */
  vulnerabilities: number;
}

export interface ImportResult {
  advisories: Advisory[];
  skipped: { path: string; reason: SkipReason }[];
  errors: { path: string; message: string }[];
  counts: ImportCounts;
  groups: AliasGroups;
}

export type FileOutcome =
  | { path: string; kind: 'advisories'; advisories: Advisory[] }
  | { path: string; kind: 'skipped'; reason: SkipReason }
  | { path: string; kind: 'error'; message: string };

const MiB = 1024 * 1024;

/**
 * Visits every file under `path` and yields what each one held, one file at a time, so a caller
 * can stream a large tree without holding it all. Records are parsed but not de-duplicated.
 */
export async function* readAdvisoryFiles(path: string, opts: ImportOptions = {}): AsyncGenerator<FileOutcome> {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...opts.zipLimits };
  const maxFile = opts.maxFileBytes ?? 64 * MiB;
  const maxArchive = opts.maxArchiveBytes ?? 2048 * MiB;
  let top;
  try {
    top = statSync(path);
  } catch (err) {
    throw new AdvisoryError((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message, '', path);
  }
  const { files, skipped } = top.isDirectory() ? walk(path) : { files: [path], skipped: [] };
  let total = files.length + skipped.length;
  let done = 0;
  const tick = (): void => opts.onProgress?.(++done, total);
  for (const s of skipped) { yield s; tick(); }

  for (let i = 0; i < files.length; i++) {
    opts.signal?.throwIfAborted();
    // Reads are synchronous (thousands of small files: the thread-pool round trips of async
    // reads cost more than the reads); yielding now and then keeps the event loop responsive.
    if (i % 64 === 63) await new Promise<void>((resolve) => setImmediate(resolve));
    const file = files[i] as string;
    const kind = kindOfFile(file);
    if (kind === 'documentation' || kind === 'other') {
      yield { path: file, kind: 'skipped', reason: kind === 'documentation' ? 'documentation' : 'unsupported-file-type' };
      tick();
      continue;
    }
    const bytes = readLimited(file, kind === 'zip' ? maxArchive : maxFile);
    if (bytes instanceof Error) {
      yield { path: file, kind: 'error', message: bytes.message };
      tick();
      continue;
    }
    if (kind === 'zip') {
      let entries;
      try {
        entries = listZipEntries(bytes, file, limits);
      } catch (err) {
        yield { path: file, kind: 'error', message: err instanceof Error ? err.message : String(err) };
        tick();
        continue;
      }
      total += entries.length;
      for (const outcome of readArchive(bytes, file, entries, limits, tick, opts.signal)) yield outcome;
      tick();
      continue;
    }
    yield outcomeOf(file, bytes, kind);
    tick();
  }
}

/**
 * All entries of one archive. Outcomes are held until the archive is done because a bomb in
 * any entry refuses the whole archive: records read before it are not trusted either.
 */
function readArchive(bytes: Uint8Array, file: string, entries: ZipEntry[], limits: ZipLimits, tick: () => void, signal?: AbortSignal): FileOutcome[] {
  const out: FileOutcome[] = [];
  let budget = limits.maxTotalBytes;
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    signal?.throwIfAborted();
    const entry = sorted[i] as ZipEntry;
    const where = `${file}!${entry.name}`;
    const ek = kindOfFile(entry.name);
    if (entry.name.split('/').some((seg) => seg.startsWith('.') || seg === '__MACOSX')) out.push({ path: where, kind: 'skipped', reason: 'hidden' });
    else if (ek !== 'json' && ek !== 'yaml') out.push({ path: where, kind: 'skipped', reason: ek === 'documentation' ? 'documentation' : 'unsupported-file-type' });
    else {
      try {
        const data = readZipEntry(bytes, entry, file, budget, limits);
        budget -= data.length;
        out.push(outcomeOf(where, data, ek));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (message.includes(BOMB)) {
          for (let j = i; j < sorted.length; j++) tick();
          return [{ path: file, kind: 'error', message: `archive refused: ${message}` }];
        }
        out.push({ path: where, kind: 'error', message });
      }
    }
    tick();
  }
  return out;
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}

function outcomeOf(path: string, bytes: Uint8Array, kind: 'json' | 'yaml'): FileOutcome {
  if (isBlank(bytes)) return { path, kind: 'skipped', reason: 'empty' };
  try {
    const value = parseStructured(bytes, path, kind);
    // OSV sources publish single records; osv.dev dumps and API answers also hold lists of them.
    const list = Array.isArray(value) ? value : isObj(value) && Array.isArray(value.vulns) && !('id' in value) ? value.vulns : undefined;
    if (list) {
      if (list.length === 0 || !list.every(looksLikeOsv)) return { path, kind: 'skipped', reason: 'not-an-advisory' };
      return { path, kind: 'advisories', advisories: list.map((r, i) => parseOsv(r, `${path}#/${i}`)) };
    }
    if (isCsaf(value)) return { path, kind: 'advisories', advisories: parseCsaf(value, path).advisories };
    if (!looksLikeOsv(value)) return { path, kind: 'skipped', reason: 'not-an-advisory' };
    return { path, kind: 'advisories', advisories: [parseOsv(value, path)] };
  } catch (err) {
    return { path, kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The file's bytes, or the error; the size is checked on the open handle, before reading. */
function readLimited(file: string, max: number): Uint8Array | Error {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size > max) return new AdvisoryError(`file is ${size} bytes, more than the limit of ${max}`, '', file);
    const buf = new Uint8Array(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === size ? buf : buf.subarray(0, off);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Recursive listing, sorted by name at each level; hidden entries and symlinked directories are reported, not entered. */
function walk(root: string): { files: string[]; skipped: FileOutcome[] } {
  const files: string[] = [];
  const skipped: FileOutcome[] = [];
  const visit = (dir: string): void => {
    const d = opendirSync(dir);
    const entries: { name: string; file: boolean; dir: boolean; link: boolean }[] = [];
    try {
      for (let e = d.readSync(); e !== null; e = d.readSync()) entries.push({ name: e.name, file: e.isFile(), dir: e.isDirectory(), link: e.isSymbolicLink() });
    } finally {
      d.closeSync();
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.name.startsWith('.')) skipped.push({ path: full, kind: 'skipped', reason: 'hidden' });
      else if (e.link) {
        let target;
        try { target = statSync(full); } catch { target = undefined; }
        if (target?.isDirectory()) skipped.push({ path: full, kind: 'skipped', reason: 'symlinked-directory' });
        else if (target?.isFile()) files.push(full);
        else skipped.push({ path: full, kind: 'skipped', reason: 'unsupported-file-type' });
      } else if (e.dir) visit(full);
      else if (e.file) files.push(full);
      else skipped.push({ path: full, kind: 'skipped', reason: 'unsupported-file-type' });
    }
  };
  visit(root);
  return { files, skipped };
}

/**
 * Imports everything under `path`: one advisory per id (the latest `modified`; for equal
 * timestamps the smaller content digest, so the choice never depends on file order), sorted by id.
 */
export async function importAdvisories(path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const kept = new Map<string, { advisory: Advisory; digest?: string }>();
  const skipped: ImportResult['skipped'] = [];
  const errors: ImportResult['errors'] = [];
  const skipCounts: Record<SkipReason, number> = { documentation: 0, 'unsupported-file-type': 0, 'not-an-advisory': 0, hidden: 0, empty: 0, 'symlinked-directory': 0 };
  let files = 0, records = 0, superseded = 0;
  for await (const outcome of readAdvisoryFiles(path, opts)) {
    files++;
    if (outcome.kind === 'skipped') {
      skipped.push({ path: outcome.path, reason: outcome.reason });
      skipCounts[outcome.reason]++;
    } else if (outcome.kind === 'error') {
      errors.push({ path: outcome.path, message: outcome.message });
    } else {
      for (const a of outcome.advisories) {
        records++;
        opts.onAdvisory?.(a);
        const prev = kept.get(a.id);
        if (!prev) { kept.set(a.id, { advisory: a }); continue; }
        // Digests are only needed to break ties between records of one id: computed on demand.
        superseded++;
        const cand = { advisory: a, digest: advisoryDigest(a) };
        prev.digest ??= advisoryDigest(prev.advisory);
        if (prefer(cand, prev as Held)) kept.set(a.id, cand);
      }
    }
  }
  const advisories = [...kept.values()].map((k) => k.advisory).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const groups = new AliasGroups(advisories);
  const byEcosystem: Record<string, number> = {};
  for (const a of advisories) {
    for (const e of new Set(a.affected.map((p) => ecosystemBase(p.ecosystem)))) byEcosystem[e] = (byEcosystem[e] ?? 0) + 1;
  }
  return {
    advisories,
    skipped,
    errors,
    groups,
    counts: {
      files,
      records,
      advisories: advisories.length,
      superseded,
      withdrawn: advisories.filter((a) => a.withdrawn !== undefined).length,
      skipped: skipCounts,
      errors: errors.length,
      byEcosystem: Object.fromEntries(Object.entries(byEcosystem).sort(([a], [b]) => (a < b ? -1 : 1))),
      aliasGroups: groups.groups().length,
      vulnerabilities: groups.vulnerabilityCount(),
    },
  };
}

function time(a: Advisory): number {
  const t = a.modified === undefined ? Number.NaN : Date.parse(a.modified);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

interface Held { advisory: Advisory; digest: string }

/** True when `candidate` should replace `current` (same id). */
function prefer(candidate: Held, current: Held): boolean {
  const tc = time(candidate.advisory), tp = time(current.advisory);
  if (tc !== tp) return tc > tp;
  return candidate.digest < current.digest;
}

export interface MergeResult {
  advisories: Advisory[];
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Incoming records older than what is held (kept the held one). */
  stale: string[];
}

/**
 * Folds a new import into what is already held, by the same rule as within one import, and
 * says what changed: re-importing the same data reports everything unchanged and returns the
 * same list, which is what makes re-import idempotent.
 */
export function mergeAdvisories(existing: readonly Advisory[], incoming: readonly Advisory[]): MergeResult {
  const held = new Map(existing.map((a) => [a.id, { advisory: a, digest: advisoryDigest(a) }]));
  const result: MergeResult = { advisories: [], added: [], updated: [], unchanged: [], stale: [] };
  for (const a of incoming) {
    const cand = { advisory: a, digest: advisoryDigest(a) };
    const prev = held.get(a.id);
    if (!prev) { held.set(a.id, cand); result.added.push(a.id); }
    else if (prev.digest === cand.digest) result.unchanged.push(a.id);
    else if (prefer(cand, prev)) { held.set(a.id, cand); result.updated.push(a.id); }
    else result.stale.push(a.id);
  }
  result.advisories = [...held.values()].map((h) => h.advisory).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return result;
}
