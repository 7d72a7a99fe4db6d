import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync, createReadStream, unlinkSync } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { join } from 'node:path';

/**
 * Content-addressed files: a material is stored once under its SHA-256, whoever uploads it and
 * however often. Files are written aside and renamed, so a crash never leaves a half file under
 * a valid name.
 */
export function blobPath(dir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
  return join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export function putBlob(dir: string, content: Buffer): { sha256: string; created: boolean; path: string } {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const path = blobPath(dir, sha256);
  if (existsSync(path)) return { sha256, created: false, path };
  mkdirSync(join(dir, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { flush: true });
  renameSync(tmp, path);
  return { sha256, created: true, path };
}

/** Removes a blob this request created when its database write did not commit. */
export function discardBlob(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

export function openBlob(dir: string, sha256: string): ReadStream {
  return createReadStream(blobPath(dir, sha256));
}
