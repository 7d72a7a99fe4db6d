/**
 * Art. 11: the assessor is chosen at random among the eligible, in a way anyone can re-check.
 *
 * Algorithm `hmac-sha256-mod-v1`:
 *   1. eligible = ids of the eligible organisations, lower-case, sorted by plain string order;
 *   2. seed     = 32 bytes from the system CSPRNG, stored as 64 hex digits;
 *   3. h        = HMAC-SHA256(key = seed bytes, message = UTF-8 of the case id, lower-case);
 *   4. index    = h read as a 256-bit big-endian unsigned integer, mod eligible.length;
 *   5. pick     = eligible[index].
 * The modulo bias is below 2^-240 for any realistic list. Seed, list, index and pick are stored
 * and audited, so re-running steps 3–5 on the record reproduces the pick or shows it was altered.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const DRAW_ALGORITHM = 'hmac-sha256-mod-v1';

export function newDrawSeed(): string {
  return randomBytes(32).toString('hex');
}

export function sortEligible(ids: readonly string[]): string[] {
  return [...new Set(ids.map((i) => i.toLowerCase()))].sort();
}

export function drawIndex(seedHex: string, caseId: string, n: number): number {
  if (!/^[0-9a-f]{64}$/.test(seedHex)) throw new Error('seed must be 64 lower-case hex digits');
  if (!Number.isInteger(n) || n < 1) throw new Error('the eligible list is empty');
  const h = createHmac('sha256', Buffer.from(seedHex, 'hex')).update(caseId.toLowerCase(), 'utf8').digest('hex');
  return Number(BigInt(`0x${h}`) % BigInt(n));
}

export interface RecordedDraw {
  algorithm: string;
  seed: string;
  caseId: string;
  eligible: readonly string[];
  pickIndex: number;
  pickedOrgId: string;
}

/** Re-derives a recorded draw; returns the reasons it does not hold (empty: reproduced). */
export function checkDraw(d: RecordedDraw): string[] {
  const problems: string[] = [];
  if (d.algorithm !== DRAW_ALGORITHM) return [`unknown algorithm "${d.algorithm}"`];
  const sorted = sortEligible(d.eligible);
  if (sorted.length !== d.eligible.length || sorted.some((id, i) => id !== d.eligible[i])) problems.push('the recorded eligible list is not the sorted list of distinct ids');
  let index: number;
  try {
    index = drawIndex(d.seed, d.caseId, d.eligible.length);
  } catch (e) {
    return [...problems, (e as Error).message];
  }
  if (index !== d.pickIndex) problems.push(`the seed gives index ${index}, the record says ${d.pickIndex}`);
  if (d.eligible[index] !== d.pickedOrgId.toLowerCase()) problems.push(`the seed picks ${d.eligible[index] ?? 'nothing'}, the record says ${d.pickedOrgId}`);
  return problems;
}
