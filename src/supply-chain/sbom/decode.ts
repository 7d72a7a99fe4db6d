import { isUtf8 } from 'node:buffer';
import type { SbomIssue } from '../model.ts';
import { SbomError } from './errors.ts';

/** Turns uploaded bytes into text, refusing what is not text before any parser sees it. */
export interface DecodedInput {
  text: string;
  /** How the bytes were read, when it was not plain UTF-8 (UTF-16, Latin-1 fallback). */
  notes: SbomIssue[];
}

const MAGIC: [number[], string][] = [
  [[0x1f, 0x8b], 'gzip'],
  [[0x50, 0x4b, 0x03, 0x04], 'zip'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
  [[0x42, 0x5a, 0x68], 'bzip2'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7z'],
];

const SNIFF = 64 * 1024;

export function decodeInput(input: Buffer | Uint8Array | string, maxBytes: number): DecodedInput {
  if (typeof input === 'string') return decodeString(input, maxBytes);
  if (!(input instanceof Uint8Array)) throw new SbomError('structure', 'input must be a Buffer or a string');
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.length > maxBytes) throw new SbomError('too-large', `input is ${buf.length} bytes, above the limit of ${maxBytes}`);
  for (const [magic, kind] of MAGIC) {
    if (magic.every((b, i) => buf[i] === b)) throw new SbomError('compressed', `input is ${kind}-compressed; decompress it first`, 'byte 0');
  }
  const b0 = buf[0], b1 = buf[1], b2 = buf[2], b3 = buf[3];
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    throw new SbomError('encoding', 'UTF-32 text is not supported; re-encode as UTF-8', 'byte 0');
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return checkText(utf8(buf.subarray(3)), []);
  if (b0 === 0xff && b1 === 0xfe) return checkText(buf.subarray(2).toString('utf16le'), [{ at: 'byte 0', message: 'decoded as UTF-16LE (byte-order mark)' }]);
  if (b0 === 0xfe && b1 === 0xff) return checkText(utf16be(buf.subarray(2)), [{ at: 'byte 0', message: 'decoded as UTF-16BE (byte-order mark)' }]);
  const guess = guessUtf16(buf);
  if (guess === 'le') return checkText(buf.toString('utf16le'), [{ at: 'byte 0', message: 'decoded as UTF-16LE (no byte-order mark; guessed from zero bytes)' }]);
  if (guess === 'be') return checkText(utf16be(buf), [{ at: 'byte 0', message: 'decoded as UTF-16BE (no byte-order mark; guessed from zero bytes)' }]);
  if (isUtf8(buf)) return checkText(buf.toString('utf8'), []);
  const bad = firstInvalidUtf8(buf);
  const zero = buf.subarray(0, SNIFF).indexOf(0);
  if (zero >= 0) throw new SbomError('binary', 'input is binary data, not text (zero byte)', `byte ${zero}`);
  if (controlShare(buf.subarray(0, SNIFF)) > 0.01) throw new SbomError('binary', 'input is binary data, not text (control bytes)', `byte ${bad}`);
  // Legacy 8-bit text (e.g. Windows-1252 from an old tool) is still readable; say so.
  return checkText(buf.toString('latin1'), [{ at: `byte ${bad}`, message: 'not valid UTF-8; decoded as Latin-1' }]);
}

function utf8(buf: Buffer): string {
  if (!isUtf8(buf)) throw new SbomError('encoding', 'UTF-8 byte-order mark but invalid UTF-8 follows', `byte ${firstInvalidUtf8(buf) + 3}`);
  return buf.toString('utf8');
}

function utf16be(buf: Buffer): string {
  const even = buf.length - (buf.length % 2);
  const swapped = Buffer.from(buf.subarray(0, even));
  swapped.swap16();
  return swapped.toString('utf16le');
}

/** ASCII text in UTF-16 has a zero in every other byte of its first characters. */
function guessUtf16(buf: Buffer): 'le' | 'be' | undefined {
  const n = Math.min(buf.length - (buf.length % 2), 64);
  if (n < 4) return undefined;
  let le = 0, be = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] !== 0 && buf[i + 1] === 0) le++;
    else if (buf[i] === 0 && buf[i + 1] !== 0) be++;
  }
  const pairs = n / 2;
  if (le === pairs) return 'le';
  if (be === pairs) return 'be';
  return undefined;
}

function controlShare(buf: Buffer): number {
  if (buf.length === 0) return 0;
  let n = 0;
  for (const b of buf) if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) n++;
  return n / buf.length;
}

/** Offset of the first byte that breaks UTF-8 (used only to name the place in a message). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return -1;
}

function decodeString(text: string, maxBytes: number): DecodedInput {
  // Characters never take fewer bytes than one, so only near the limit is the exact count needed.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes)) {
    throw new SbomError('too-large', `input is above the limit of ${maxBytes} bytes`);
  }
  return checkText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, []);
}

function checkText(text: string, notes: SbomIssue[]): DecodedInput {
  const head = text.length > SNIFF ? text.slice(0, SNIFF) : text;
  const zero = head.indexOf('\u0000');
  if (zero >= 0) throw new SbomError('binary', 'input contains NUL characters; it is not a text SBOM', `character ${zero}`);
  if (!/\S/.test(text)) throw new SbomError('empty', 'input is empty');
  return { text, notes };
}
