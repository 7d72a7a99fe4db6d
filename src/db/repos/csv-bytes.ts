/**
 * CSV rows written straight into byte chunks for COPY: a findings table of hundreds of thousands
 * of rows costs no intermediate strings (each built, joined and then encoded again), only the
 * bytes sent. Text fields are always quoted, so an unquoted empty field stays NULL (COPY's CSV).
 */
const CHUNK = 1 << 20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const ZERO = 0x30;
const MINUS = 0x2d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

export class CsvBytes {
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;

  /** The bytes written since the last call, when at least `min` of them are there. */
  take(min = 0): Buffer | undefined {
    if (this.pos === 0 || this.pos < min) return undefined;
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
    return out;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** A 32-bit integer in decimal. */
  int(v: number): this {
    this.room(12);
    let x = v;
    if (x < 0) {
      this.buf[this.pos++] = MINUS;
      x = -x;
    }
    let digits = 1;
    for (let t = x; t >= 10; t = Math.floor(t / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    do {
      this.buf[--p] = ZERO + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
    return this;
  }

  /** A text field, quoted (doubled quotes inside); null is the empty, unquoted field. */
  text(s: string | null): this {
    if (s === null) return this;
    const t = s.includes('"') ? s.replace(/"/g, '""') : s;
    this.room(t.length * 3 + 2);
    this.buf[this.pos++] = QUOTE;
    this.pos += this.buf.write(t, this.pos, 'utf8');
    this.buf[this.pos++] = QUOTE;
    return this;
  }

  /** A number or boolean as COPY reads it unquoted; null is the empty field. */
  value(v: number | boolean | null): this {
    if (v === null) return this;
    if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31) return this.int(v);
    const t = String(v);
    this.room(t.length);
    this.pos += this.buf.write(t, this.pos, 'latin1');
    return this;
  }

  comma(): this {
    this.room(1);
    this.buf[this.pos++] = COMMA;
    return this;
  }

  newline(): this {
    this.room(1);
    this.buf[this.pos++] = NEWLINE;
    return this;
  }

  /**
   * An integer[] literal as one quoted field: `"{1,2,3}"`, of values[from..to) plus `add`. The
   * numbers are written straight into the chunk, so a run of thousands of findings costs no
   * intermediate string.
   */
  intArray(values: ArrayLike<number>, from: number, to: number, add = 0): this {
    this.room(2);
    this.buf[this.pos++] = QUOTE;
    this.buf[this.pos++] = OPEN_BRACE;
    for (let i = from; i < to; i++) {
      if (i > from) this.comma();
      this.int((values[i] as number) + add);
    }
    this.room(2);
    this.buf[this.pos++] = CLOSE_BRACE;
    this.buf[this.pos++] = QUOTE;
    return this;
  }

  /**
   * A JSON object whose values are string arrays (`{"refs":["a"],"names":["b"]}`), as one quoted
   * field: what `text(JSON.stringify(o))` writes, without building the JSON text and then a second
   * copy with its quotes doubled. Strings with nothing to escape are copied as they are.
   */
  jsonStringArrays(o: Readonly<Record<string, readonly string[]>>): this {
    this.room(1);
    this.buf[this.pos++] = QUOTE;
    this.ascii('{');
    let firstKey = true;
    for (const key in o) {
      if (!firstKey) this.ascii(',');
      firstKey = false;
      this.jsonString(key).ascii(':[');
      const items = o[key] as readonly string[];
      for (let i = 0; i < items.length; i++) {
        if (i > 0) this.ascii(',');
        this.jsonString(items[i] as string);
      }
      this.ascii(']');
    }
    this.ascii('}');
    this.room(1);
    this.buf[this.pos++] = QUOTE;
    return this;
  }

  /** A JSON string inside a quoted CSV field: its quotes doubled. */
  private jsonString(s: string): this {
    if (!PLAIN_JSON.test(s)) {
      const t = JSON.stringify(s).replace(/"/g, '""');
      this.room(t.length * 3);
      this.pos += this.buf.write(t, this.pos, 'utf8');
      return this;
    }
    this.room(s.length * 3 + 4);
    this.buf[this.pos++] = QUOTE;
    this.buf[this.pos++] = QUOTE;
    this.pos += this.buf.write(s, this.pos, 'utf8');
    this.buf[this.pos++] = QUOTE;
    this.buf[this.pos++] = QUOTE;
    return this;
  }

  private ascii(s: string): this {
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
    return this;
  }
}

/** Strings JSON writes as they are: no quote, backslash, control character or lone surrogate half. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters JSON escapes
const PLAIN_JSON = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
