import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/**
 * Real files written by others live in ../shared/data beside the clone. They are never copied
 * into the repository. Where the folder is absent (a user's own clone) the suites that need it
 * skip with a notice; CI sets NETREVIEW_REQUIRE_SHARED_DATA=1 so that absence fails instead.
 */
export const sharedDataDir = resolve(fileURLToPath(new URL('../../shared/data/', import.meta.url)));
export const hasSharedData = existsSync(resolve(sharedDataDir, 'MANIFEST.md'));

if (!hasSharedData && process.env.NETREVIEW_REQUIRE_SHARED_DATA === '1') {
  throw new Error(`shared test data is required (NETREVIEW_REQUIRE_SHARED_DATA=1) but ${sharedDataDir} is absent`);
}

let warned = false;
/** Use as `describe.skipIf(!requireSharedData('suite name'))`. Prints one notice when data is absent. */
export function requireSharedData(suite: string): boolean {
  if (!hasSharedData && !warned) {
    warned = true;
    console.warn(`[netreview] ${sharedDataDir} is absent: real-data suites skip (first: ${suite})`);
  }
  return hasSharedData;
}

export function sharedPath(...parts: string[]): string {
  return resolve(sharedDataDir, ...parts);
}
