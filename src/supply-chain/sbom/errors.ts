import type { SbomIssue } from '../model.ts';

export type SbomErrorCode =
  /** Input exceeds `maxBytes`. */
  | 'too-large'
  /** Nothing but whitespace. */
  | 'empty'
  /** Not text: NUL bytes, control characters, undecodable bytes. */
  | 'binary'
  /** gzip/zip/zstd/… container: decompress before parsing. */
  | 'compressed'
  /** Text in an encoding we refuse (e.g. UTF-32). */
  | 'encoding'
  /** JSON, XML or tag-value that does not parse. */
  | 'syntax'
  /** Parses, but is not an SBOM format we know. */
  | 'unknown-format'
  /** A known SBOM format we do not read (SPDX RDF/XML, SPDX YAML, …). */
  | 'unsupported-format'
  /** The document's shape is wrong where nothing sensible can be recovered. */
  | 'structure';

/** Unreadable input: the code says what kind, `at` says where (JSON pointer or 'line N, column M'). */
export class SbomError extends Error {
  override readonly name = 'SbomError';
  constructor(
    readonly code: SbomErrorCode,
    message: string,
    readonly at?: string,
  ) {
    super(at ? `${message} (at ${at})` : message);
  }
}

/**
 * Collects non-fatal problems. Bounded: an SBOM with 100,000 version-less components must not
 * produce 100,000 warnings, so past `max` only a count is kept and reported in one last entry.
 */
export class Issues {
  readonly list: SbomIssue[] = [];
  private dropped = 0;
  constructor(private readonly max: number) {}

  add(at: string, message: string): void {
    if (this.list.length < this.max) this.list.push({ at, message });
    else this.dropped++;
  }

  finish(): SbomIssue[] {
    if (this.dropped > 0) {
      this.list.push({ at: '/', message: `${this.dropped} further warnings omitted (limit ${this.max})` });
      this.dropped = 0;
    }
    return this.list;
  }
}

/** Finds where the given character offset falls: 1-based line and column. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { line, column: end - lastBreak };
}

/** Maps character offsets to line numbers by binary search over the newline positions. */
export class LineIndex {
  private readonly breaks: number[] = [];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.breaks.push(i);
  }

  line(offset: number): number {
    let lo = 0;
    let hi = this.breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.breaks[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
}
