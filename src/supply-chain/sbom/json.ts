import { SbomError, lineColumn } from './errors.ts';

/**
 * JSON.parse, with a failure that names the place. V8's messages carry a position only some of
 * the time and never the path, so on failure a small scanner re-reads the text up to the fault
 * and reports the JSON pointer of the value being read plus line and column. The happy path is
 * the bare JSON.parse: the scanner runs only on error.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const found = locateJsonError(text);
    if (!found) throw new SbomError('syntax', `JSON does not parse: ${(e as Error).message}`);
    const { line, column } = lineColumn(text, found.offset);
    throw new SbomError('syntax', `JSON syntax error: ${found.reason}`, `${found.pointer || '/'} (line ${line}, column ${column})`);
  }
}

export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export interface JsonFault {
  offset: number;
  pointer: string;
  reason: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** Finds the first syntax error in `text`, or undefined when the text is valid JSON. */
export function locateJsonError(text: string): JsonFault | undefined {
  const path: (string | number)[] = [];
  const kinds: ('o' | 'a')[] = [];
  const n = text.length;
  let i = 0;
  let state: 'value' | 'firstValue' | 'key' | 'firstKey' | 'after' = 'value';
  const fail = (reason: string): JsonFault => ({ offset: i, pointer: path.map((p) => '/' + escapePointer(String(p))).join(''), reason });

  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  /** Reads a string starting at the opening quote; returns its raw content or a reason. */
  const readString = (): { ok: true; value: string } | { ok: false; reason: string } => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return { ok: true, value: JSON.parse(text.slice(start, i)) as string };
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { ok: false, reason: 'bad \\u escape in string' };
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) i += 2;
        else return { ok: false, reason: 'bad escape in string' };
      } else if (c < 32) return { ok: false, reason: 'unescaped control character in string' };
      else i++;
    }
    return { ok: false, reason: 'unterminated string (input truncated?)' };
  };

  for (;;) {
    skipWs();
    if (state === 'value' || state === 'firstValue') {
      if (i >= n) return fail('unexpected end of input (truncated?)');
      const c = text[i]!;
      if (state === 'firstValue' && c === ']') {
        i++;
        kinds.pop();
        path.pop();
        state = 'after';
      } else if (c === '{') {
        i++;
        kinds.push('o');
        path.push('');
        state = 'firstKey';
      } else if (c === '[') {
        i++;
        kinds.push('a');
        path.push(0);
        state = 'firstValue';
      } else if (c === '"') {
        const s = readString();
        if (!s.ok) return fail(s.reason);
        state = 'after';
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4;
        state = 'after';
      } else if (text.startsWith('false', i)) {
        i += 5;
        state = 'after';
      } else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return fail(`unexpected character ${JSON.stringify(c)}`);
        i = NUMBER.lastIndex;
        state = 'after';
      }
      continue;
    }
    if (state === 'key' || state === 'firstKey') {
      if (i >= n) return fail('unexpected end of input (truncated?)');
      if (state === 'firstKey' && text[i] === '}') {
        i++;
        kinds.pop();
        path.pop();
        state = 'after';
        continue;
      }
      if (text[i] !== '"') return fail('expected a double-quoted property name');
      const s = readString();
      if (!s.ok) return fail(s.reason);
      path[path.length - 1] = s.value;
      skipWs();
      if (text[i] !== ':') return fail("expected ':' after property name");
      i++;
      state = 'value';
      continue;
    }
    if (kinds.length === 0) return i < n ? fail('unexpected data after the end of the JSON document') : undefined;
    if (i >= n) return fail('unexpected end of input (truncated?)');
    const kind = kinds[kinds.length - 1];
    const c = text[i];
    if (c === ',') {
      i++;
      if (kind === 'a') {
        path[path.length - 1] = (path[path.length - 1] as number) + 1;
        state = 'value';
      } else state = 'key';
    } else if ((kind === 'o' && c === '}') || (kind === 'a' && c === ']')) {
      i++;
      kinds.pop();
      path.pop();
    } else {
      return fail(kind === 'o' ? "expected ',' or '}' after a property" : "expected ',' or ']' after an array element");
    }
  }
}
