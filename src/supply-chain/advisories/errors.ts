/**
 * One error type for everything this folder refuses, so callers (CLI, import job, HTTP) can show
 * the file and the place inside it without parsing message text.
 */
export class AdvisoryError extends Error {
  /** File (or zip entry, `archive.zip!inner/path.json`) the problem is in, when known. */
  readonly file: string | undefined;
  /** JSON pointer into the document ('/affected/0/ranges/1/events'), '' for the document itself. */
  readonly pointer: string;

  constructor(message: string, pointer = '', file?: string) {
    const where = [file, pointer || undefined].filter(Boolean).join(' ');
    super(where ? `${where}: ${message}` : message);
    this.name = 'AdvisoryError';
    this.pointer = pointer;
    this.file = file;
  }
}

/** RFC 6901 escaping of one pointer segment. */
export function pointerJoin(base: string, key: string | number): string {
  const seg = String(key).replace(/~/g, '~0').replace(/\//g, '~1');
  return `${base}/${seg}`;
}

/** Short description of a JSON value's kind for "expected X, got Y" messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
