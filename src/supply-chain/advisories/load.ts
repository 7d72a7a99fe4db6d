import { isScalar, parseDocument, visit } from 'yaml';
import { AdvisoryError } from './errors.ts';

/**
 * Bytes → JSON value for advisory files. JSON and YAML are both accepted because OSV sources
 * publish both (PyPA writes YAML). Two YAML traps are closed here:
 *  - dates: the YAML 1.2 core schema (yaml's default) has no timestamp type, so
 *    `modified: 2023-11-07T20:24:23Z` stays the string OSV requires;
 *  - numbers: an unquoted `fixed: 1.10` would become the number 1.1 and silently name another
 *    version, so every plain numeric scalar is kept as the text written.
 */

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const bom = bytes[0] === 0xff && bytes[1] === 0xfe ? ' (it starts with a UTF-16 LE byte-order mark)'
      : bytes[0] === 0xfe && bytes[1] === 0xff ? ' (it starts with a UTF-16 BE byte-order mark)' : '';
    throw new AdvisoryError(`not valid UTF-8${bom}`, '', file);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AdvisoryError(`not valid JSON: ${describeJsonError(err, text)}`, '', file);
  }
}

/** JSON.parse says what went wrong but (on Node 20) not where; find the place ourselves. */
function describeJsonError(err: unknown, text: string): string {
  const msg = (err instanceof Error ? err.message : String(err)).replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
  const at = locateJsonError(text);
  if (at === undefined) return msg;
  const before = text.slice(0, at.offset);
  const line = before.split('\n').length;
  const column = at.offset - before.lastIndexOf('\n');
  return `${at.problem} at line ${line} column ${column}`;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * Offset and nature of the first JSON syntax error, by a small iterative scanner (no recursion,
 * so a deeply nested hostile file cannot overflow the stack). Only run after JSON.parse failed.
 */
export function locateJsonError(text: string): { offset: number; problem: string } | undefined {
  let i = 0;
  const stack: ('[' | '{')[] = [];
  // What may come next: a value, an object key, ',' or closer, ':' after a key, or nothing.
  type Expect = 'value' | 'key-or-close' | 'key' | 'comma-or-close' | 'colon' | 'value-or-close' | 'end';
  let expect: Expect = 'value' as Expect;
  const skipWs = (): void => { while (i < text.length && WS.has(text[i] as string)) i++; };
  const fail = (problem: string): { offset: number; problem: string } => ({ offset: i, problem });
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');
  for (;;) {
    skipWs();
    if (i >= text.length) return expect === 'end' ? undefined : fail('unexpected end of input (truncated?)');
    const ch = text[i] as string;
    if (expect === 'end') return fail(`unexpected "${ch}" after the end of the JSON value`);
    if (expect === 'colon') {
      if (ch !== ':') return fail(`expected ":" after an object key, found "${ch}"`);
      i++; expect = 'value'; continue;
    }
    if (expect === 'comma-or-close') {
      const top = stack[stack.length - 1];
      if (ch === ',') { i++; expect = top === '{' ? 'key' : 'value'; continue; }
      if ((ch === ']' && top === '[') || (ch === '}' && top === '{')) { i++; stack.pop(); expect = afterValue(); continue; }
      return fail(`expected "," or "${top === '{' ? '}' : ']'}", found "${ch}"`);
    }
    if (expect === 'key' || expect === 'key-or-close') {
      if (ch === '}' && expect === 'key-or-close') { i++; stack.pop(); expect = afterValue(); continue; }
      if (ch !== '"') return fail(`expected a quoted object key, found "${ch}"`);
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end; expect = 'colon'; continue;
    }
    // A value (or, right after '[', a closing bracket).
    if (ch === ']' && expect === 'value-or-close') { i++; stack.pop(); expect = afterValue(); continue; }
    if (ch === '{') { i++; stack.push('{'); expect = 'key-or-close'; continue; }
    if (ch === '[') { i++; stack.push('['); expect = 'value-or-close'; continue; }
    if (ch === '"') {
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end; expect = afterValue(); continue;
    }
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!lit) return fail(`unexpected "${ch}" where a value was expected`);
    i += lit[0].length; expect = afterValue();
  }
}

function scanString(text: string, start: number): number | { offset: number; problem: string } {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, problem: 'bad \\u escape in a string' };
        i += 6;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
      else return { offset: i, problem: `bad escape "\\${e ?? ''}" in a string` };
      continue;
    }
    if (c < 0x20) return { offset: i, problem: 'control character inside a string (unescaped newline?)' };
    i++;
  }
  return { offset: start, problem: 'string opened here is never closed (truncated?)' };
}

export function parseYamlText(text: string, file: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const where = e?.linePos?.[0] ? ` at line ${e.linePos[0].line} column ${e.linePos[0].col}` : '';
    throw new AdvisoryError(`not valid YAML${where}: ${(e?.message ?? 'parse error').split('\n')[0]}`, '', file);
  }
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'number' && node.type === 'PLAIN' && typeof node.source === 'string') {
        node.value = node.source;
      }
    },
  });
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Aliases are resolved only here: an alias with no anchor ("*x") or an alias bomb over the
    // limit is malformed input, not a crash.
    throw new AdvisoryError(`not valid YAML: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/\p{Cc}/gu, '').trim()}`, '', file);
  }
}

export type FileKind = 'json' | 'yaml' | 'zip' | 'documentation' | 'other';

const DOC_NAMES = /^(readme|license|licence|copying|notice|notices|authors|contributors|changelog|changes|security|code_of_conduct|contributing|source)(\..*)?$/i;
const DOC_EXT = /\.(md|markdown|txt|rst|adoc|html?|pdf)$/i;

/** Classifies a file by name only; content checks come after reading. */
export function kindOfFile(name: string): FileKind {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (/\.json$/i.test(base)) return 'json';
  if (/\.ya?ml$/i.test(base)) return 'yaml';
  if (/\.zip$/i.test(base)) return 'zip';
  if (DOC_NAMES.test(base) || DOC_EXT.test(base)) return 'documentation';
  return 'other';
}

export function parseStructured(bytes: Uint8Array, file: string, kind: 'json' | 'yaml'): unknown {
  const text = decodeUtf8(bytes, file);
  return kind === 'json' ? parseJsonText(text, file) : parseYamlText(text, file);
}
