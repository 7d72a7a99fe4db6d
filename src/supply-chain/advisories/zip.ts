import { Inflate } from 'fflate';
import { AdvisoryError } from './errors.ts';

/**
 * Reading advisory archives (OSV publishes `all.zip` per ecosystem) without trusting them.
 * The central directory is read first, so entry count and declared sizes are refused before
 * anything is inflated; then each entry is inflated in small input slices and stopped as soon
 * as its real output passes what was declared or allowed, so a lying header cannot make us
 * inflate gigabytes. fflate's own Unzip cannot be stopped mid-entry, hence this reader.
 */

export interface ZipLimits {
  /** Most entries an archive may list. */
  maxEntries: number;
  /** Most bytes all entries may inflate to, together. */
  maxTotalBytes: number;
  /** Most bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Highest inflated/compressed ratio for entries above 1 MiB (JSON reaches ~20; bombs ~1000). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1_000_000,
  maxTotalBytes: 4 * 1024 ** 3,
  maxEntryBytes: 64 * 1024 ** 2,
  maxRatio: 200,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
  encrypted: boolean;
}

const SLICE = 16 * 1024;
/** Marker at the start of every refusal for size reasons, so callers can tell bombs from damage. */
export const BOMB = 'zip bomb guard';

export function listZipEntries(zip: Uint8Array, file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  try {
    return readCentralDirectory(zip, file, limits);
  } catch (err) {
    // Any read past the end that the checks below did not foresee is still damage, not a crash.
    if (err instanceof RangeError) throw new AdvisoryError(`damaged zip archive (${err.message})`, '', file);
    throw err;
  }
}

function readCentralDirectory(zip: Uint8Array, file: string, limits: ZipLimits): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const fail = (msg: string): never => { throw new AdvisoryError(msg, '', file); };
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) fail('not a zip archive (no end-of-central-directory record)');
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== 0x07064b50) fail('ZIP64 archive without a ZIP64 locator');
    const z64 = Number(view.getBigUint64(loc + 8, true));
    if (z64 + 56 > zip.length || view.getUint32(z64, true) !== 0x06064b50) fail('ZIP64 end-of-central-directory record is missing');
    count = Number(view.getBigUint64(z64 + 32, true));
    cdSize = Number(view.getBigUint64(z64 + 40, true));
    cdOffset = Number(view.getBigUint64(z64 + 48, true));
  }
  if (count > limits.maxEntries) fail(`${BOMB}: ${count} entries, more than the limit of ${limits.maxEntries}`);
  if (cdOffset + cdSize > zip.length) fail('central directory lies outside the file (truncated archive?)');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  const names = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== 0x02014b50) fail(`central directory entry ${i + 1} of ${count} is damaged`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen + commentLen > zip.length) fail(`central directory entry ${i + 1} of ${count} runs past the end of the archive`);
    const name = names.decode(zip.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extra field: 8-byte values for whichever 32-bit fields are saturated, in this order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = view.getUint16(x, true);
      const len = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let q = x + 4;
        const end = Math.min(xEnd, q + len);
        if (size === 0xffffffff && q + 8 <= end) { size = Number(view.getBigUint64(q, true)); q += 8; }
        if (compressedSize === 0xffffffff && q + 8 <= end) { compressedSize = Number(view.getBigUint64(q, true)); q += 8; }
        if (localOffset === 0xffffffff && q + 8 <= end) { localOffset = Number(view.getBigUint64(q, true)); }
      }
      x += 4 + len;
    }
    p = xEnd + commentLen;
    if (name.endsWith('/')) continue;
    if (size > limits.maxEntryBytes) fail(`${BOMB}: entry "${name}" declares ${size} bytes, more than the per-entry limit of ${limits.maxEntryBytes}`);
    if (size > 1024 * 1024 && compressedSize > 0 && size / compressedSize > limits.maxRatio) {
      fail(`${BOMB}: entry "${name}" inflates ${Math.round(size / compressedSize)}:1, above the limit of ${limits.maxRatio}:1`);
    }
    total += size;
    if (total > limits.maxTotalBytes) fail(`${BOMB}: entries declare more than ${limits.maxTotalBytes} bytes in total`);
    entries.push({ name, method, compressedSize, size, crc, localOffset, encrypted: (flags & 1) === 1 });
  }
  return entries;
}

/**
 * Inflates one entry. `budget` is how many bytes the caller still allows in total; the real
 * output is counted as it is produced and inflation stops the moment a limit is passed.
 */
export function readZipEntry(zip: Uint8Array, entry: ZipEntry, file: string, budget: number, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Uint8Array {
  const where = `${file}!${entry.name}`;
  const fail = (msg: string): never => { throw new AdvisoryError(msg, '', where); };
  if (entry.encrypted) fail('entry is encrypted');
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const lh = entry.localOffset;
  if (lh < 0 || lh + 30 > zip.length || view.getUint32(lh, true) !== 0x04034b50) fail('local header is missing or damaged');
  const start = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
  const end = start + entry.compressedSize;
  if (end > zip.length) fail('entry data runs past the end of the archive (truncated?)');
  const data = zip.subarray(start, end);
  const cap = Math.min(limits.maxEntryBytes, budget);

  let out: Uint8Array;
  if (entry.method === 0) {
    out = data;
  } else if (entry.method === 8) {
    const chunks: Uint8Array[] = [];
    let produced = 0;
    let over = false;
    const inflate = new Inflate((chunk) => {
      produced += chunk.length;
      if (produced > cap || produced > entry.size) over = true;
      else chunks.push(chunk);
    });
    for (let i = 0; i < data.length && !over; i += SLICE) {
      try {
        inflate.push(data.subarray(i, Math.min(data.length, i + SLICE)), i + SLICE >= data.length);
      } catch (err) {
        fail(`damaged deflate data: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (over) {
      fail(produced > entry.size && entry.size <= cap
        ? `${BOMB}: entry inflates past the ${entry.size} bytes its header declares`
        : `${BOMB}: entry inflates past the limit of ${cap} bytes`);
    }
    out = new Uint8Array(produced);
    let o = 0;
    for (const c of chunks) { out.set(c, o); o += c.length; }
  } else {
    return fail(`unsupported compression method ${entry.method} (only stored and deflate)`);
  }
  if (out.length !== entry.size) fail(`entry is ${out.length} bytes, its header declares ${entry.size}`);
  if (crc32(out) !== entry.crc) fail('CRC-32 mismatch: the entry is corrupt');
  return out;
}

let CRC_TABLE: Uint32Array | undefined;
export function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (CRC_TABLE[(crc ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
