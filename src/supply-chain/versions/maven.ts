/**
 * Maven's version order: a port of maven-artifact's `ComparableVersion` (the 3.9 line, with
 * CombinationItem, "X-1 is X1", "release"/"ga"/"final" as release qualifiers, whole-list null
 * comparison of MNG-6964 and the normalisation of MNG-7644), item for item:
 *  - items: numbers (Java int / long / BigInteger, compared as numbers), strings (qualifiers),
 *    combinations (qualifier immediately followed by a number, e.g. 'alpha2' or 'rc-1'), and
 *    nested lists (opened by '-' and by digit/letter transitions);
 *  - qualifiers: alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp,
 *    then unknown qualifiers in lexical order; a/b/m directly followed by a digit mean
 *    alpha/beta/milestone;
 *  - padding: the shorter list is compared item by item against null.
 * Maven defines this order procedurally rather than as a lexicographic order over a token string,
 * so keys stay structured and `compareMaven` walks them.
 */
import { checkInput, compareDigitStrings, isDigitCode, type VersionKey, type VersionScheme } from './common.ts';

const INT = 3;
const STRING = 1;
const LIST = 2;
const COMBINATION = 5;

/** kind: 0 = Java IntItem, 1 = LongItem, 2 = BigIntegerItem; Maven orders them by kind first. */
interface NumItem { readonly t: typeof INT; readonly kind: number; readonly digits: string }
interface StrItem { readonly t: typeof STRING; readonly value: string; readonly q: string }
interface ComboItem { readonly t: typeof COMBINATION; readonly str: StrItem; readonly num: NumItem }
interface ListItem { readonly t: typeof LIST; readonly items: Item[] }
type Item = NumItem | StrItem | ComboItem | ListItem;

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_QUALIFIERS = new Set(['ga', 'final', 'release']);
const RELEASE_INDEX = '5';

/** StringItem.comparableQualifier: known qualifiers by index, unknown ones after "7-" lexically. */
function comparableQualifier(q: string): string {
  if (RELEASE_QUALIFIERS.has(q)) return RELEASE_INDEX;
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function strItem(value: string, followedByDigit: boolean): StrItem {
  let v = value;
  if (followedByDigit && v.length === 1) {
    if (v === 'a') v = 'alpha';
    else if (v === 'b') v = 'beta';
    else if (v === 'm') v = 'milestone';
  }
  if (v === 'cr') v = 'rc';
  return { t: STRING, value: v, q: comparableQualifier(v) };
}

// Maven picks the item class from the length after stripLeadingZeroes, which leaves an all-zero
// string untouched: so 19 or more zeros make a BigIntegerItem that sorts above every IntItem.
// Faithful, if odd; the digits themselves are kept stripped for the numeric comparison.
function numItem(buf: string): NumItem {
  let i = 0;
  while (i < buf.length && buf.charCodeAt(i) === 48) i++;
  const javaLength = i === buf.length ? buf.length : buf.length - i;
  const kind = javaLength <= 9 ? 0 : javaLength <= 18 ? 1 : 2;
  return { t: INT, kind, digits: i === buf.length ? '0' : buf.slice(i) };
}

const ZERO: NumItem = { t: INT, kind: 0, digits: '0' };

function comboItem(v: string): ComboItem {
  let index = 0;
  for (let i = 0; i < v.length; i++) {
    if (isDigitCode(v.charCodeAt(i))) {
      index = i;
      break;
    }
  }
  return { t: COMBINATION, str: strItem(v.slice(0, index), true), num: numItem(v.slice(index)) };
}

function parseItem(isCombination: boolean, isDigit: boolean, buf: string): Item {
  if (isCombination) return comboItem(buf.replaceAll('-', ''));
  if (isDigit) return numItem(buf);
  return strItem(buf, false);
}

function isNull(item: Item): boolean {
  switch (item.t) {
    case INT: return item.digits === '0';
    case STRING: return item.value === '';
    case COMBINATION: return false;
    case LIST: return item.items.length === 0;
  }
}

function normalize(list: ListItem): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const last = items[i] as Item;
    if (!isNull(last)) continue;
    const next = items[i + 1];
    if (i === items.length - 1 || next?.t === STRING) {
      items.splice(i, 1);
    } else if (next?.t === LIST) {
      const first = next.items[0];
      if (first !== undefined && (first.t === COMBINATION || first.t === STRING)) items.splice(i, 1);
    }
  }
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareQualifier(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Item.compareTo(item); `b === null` is Java's comparison against a missing (padding) item. */
function compareItem(a: Item, b: Item | null): number {
  switch (a.t) {
    case INT:
      if (b === null) return a.digits === '0' ? 0 : 1;
      if (b.t === INT) return a.kind !== b.kind ? a.kind - b.kind : compareDigitStrings(a.digits, b.digits);
      return 1;
    case STRING:
      if (b === null) return compareQualifier(a.q, RELEASE_INDEX);
      if (b.t === INT) return -1;
      if (b.t === STRING) return compareQualifier(a.q, b.q);
      if (b.t === COMBINATION) {
        const r = compareItem(a, b.str);
        return r === 0 ? -1 : r;
      }
      return -1;
    case COMBINATION:
      if (b === null) return compareItem(a.str, null);
      if (b.t === INT || b.t === LIST) return -1;
      if (b.t === STRING) {
        const r = compareItem(a.str, b);
        return r === 0 ? 1 : r;
      }
      {
        const r = compareItem(a.str, b.str);
        return r === 0 ? compareItem(a.num, b.num) : r;
      }
    case LIST:
      if (b === null) {
        for (const item of a.items) {
          const r = compareItem(item, null);
          if (r !== 0) return r;
        }
        return 0;
      }
      if (b.t === INT) return -1;
      if (b.t === STRING || b.t === COMBINATION) return 1;
      return compareLists(a.items, b.items);
  }
}

function compareLists(left: Item[], right: Item[]): number {
  const n = Math.max(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const l = left[i];
    const r = right[i];
    const result = l === undefined ? (r === undefined ? 0 : -sign(compareItem(r, null))) : compareItem(l, r ?? null);
    if (result !== 0) return sign(result);
  }
  return 0;
}

/** `list.add(list = new ListItem()); stack.push(list);` */
function openList(list: ListItem, stack: ListItem[]): ListItem {
  const sub: ListItem = { t: LIST, items: [] };
  list.items.push(sub);
  stack.push(sub);
  return sub;
}

/** ComparableVersion.parseVersion, transcribed; Java's Character.isDigit is narrowed to ASCII digits. */
export function parseMaven(input: string): ListItem {
  const version = checkInput('maven', input).toLowerCase();
  const root: ListItem = { t: LIST, items: [] };
  let list = root;
  const stack: ListItem[] = [root];
  let isDigit = false;
  let isCombination = false;
  let startIndex = 0;

  for (let i = 0; i < version.length; i++) {
    const c = version.charCodeAt(i);
    if (c === 46 /* . */) {
      list.items.push(i === startIndex ? ZERO : parseItem(isCombination, isDigit, version.slice(startIndex, i)));
      isCombination = false;
      startIndex = i + 1;
    } else if (c === 45 /* - */) {
      if (i === startIndex) {
        list.items.push(ZERO);
      } else {
        if (!isDigit && i !== version.length - 1 && isDigitCode(version.charCodeAt(i + 1))) {
          isCombination = true;
          continue;
        }
        list.items.push(parseItem(isCombination, isDigit, version.slice(startIndex, i)));
      }
      startIndex = i + 1;
      if (list.items.length > 0) list = openList(list, stack);
      isCombination = false;
    } else if (isDigitCode(c)) {
      if (!isDigit && i > startIndex) {
        isCombination = true;
        if (list.items.length > 0) list = openList(list, stack);
      }
      isDigit = true;
    } else {
      if (isDigit && i > startIndex) {
        list.items.push(parseItem(isCombination, true, version.slice(startIndex, i)));
        startIndex = i;
        list = openList(list, stack);
        isCombination = false;
      }
      isDigit = false;
    }
  }
  if (version.length > startIndex) {
    if (!isDigit && list.items.length > 0) list = openList(list, stack);
    list.items.push(parseItem(isCombination, isDigit, version.slice(startIndex)));
  }
  while (stack.length > 0) normalize(stack.pop() as ListItem);
  return root;
}

export function compareMaven(a: VersionKey, b: VersionKey): number {
  return compareLists((a as ListItem).items, (b as ListItem).items);
}

/** ComparableVersion.getCanonical(): '.' before plain items, '-' before lists. */
export function canonicalMaven(key: VersionKey): string {
  const render = (item: Item): string => {
    switch (item.t) {
      case INT: return item.digits;
      case STRING: return item.value;
      case COMBINATION: return item.str.value + item.num.digits;
      case LIST: {
        let out = '';
        for (const it of item.items) {
          if (out.length > 0) out += it.t === LIST ? '-' : '.';
          out += render(it);
        }
        return out;
      }
    }
  };
  return render(key as ListItem);
}

export const mavenScheme: VersionScheme = {
  id: 'maven',
  stringKeys: false,
  parse: parseMaven,
  compare: compareMaven,
};
