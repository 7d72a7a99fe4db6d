/**
 * NuGet order: NuGet.Versioning's VersionComparer (VersionComparison.Default).
 * Major.Minor.Patch[.Revision] (missing parts are 0, so 1.0 == 1.0.0 == 1.0.0.0); then any
 * pre-release sorts before the release; release labels compare one by one: a label that parses
 * as Int32 is numeric and sorts before non-numeric ones, non-numeric labels compare
 * ordinal-ignore-case, and a list that is a prefix of the other sorts first. Metadata is ignored.
 *
 * Key: four N(number), then 0x02 (release) or 0x01 labels 0x01 (pre-release). Label: 0x02 plus
 * two code units holding the Int32 offset by 2^31 (numeric), or 0x03 upper-cased text 0x00.
 */
import { checkDigits, checkInput, compareStrings, encodeNumber, parseFailure, type VersionScheme } from './common.ts';

const LABEL = /^[0-9A-Za-z-]+$/;

function int32Label(label: string): number | undefined {
  // Int32.TryParse with NumberStyles.Integer on a label of [0-9A-Za-z-]: an optional '-' sign.
  if (!/^-?[0-9]+$/.test(label)) return undefined;
  const digits = label.replace(/^-?0*/, '');
  if (digits.length > 10) return undefined;
  const v = label.startsWith('-') ? -Number(digits || '0') : Number(digits || '0');
  return v >= -2147483648 && v <= 2147483647 ? v : undefined;
}

function fail(raw: string, why: string): never {
  return parseFailure('nuget', raw, why);
}

export function parseNuGet(input: string): string {
  const raw = checkInput('nuget', typeof input === 'string' ? input.trim() : input);
  const plus = raw.indexOf('+');
  const withoutMeta = plus >= 0 ? raw.slice(0, plus) : raw;
  if (plus >= 0 && !/^[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*$/.test(raw.slice(plus + 1))) fail(raw, 'invalid metadata');
  const dash = withoutMeta.indexOf('-');
  const core = dash >= 0 ? withoutMeta.slice(0, dash) : withoutMeta;
  const release = dash >= 0 ? withoutMeta.slice(dash + 1) : undefined;

  const parts = core.split('.');
  if (parts.length > 4) fail(raw, 'more than four version numbers');
  let key = '';
  for (let i = 0; i < 4; i++) {
    const p = parts[i] ?? '0';
    if (!/^[0-9]+$/.test(p)) fail(raw, `version part '${p}' is not a number`);
    checkDigits('nuget', raw, p);
    if (p.replace(/^0+/, '').length > 10 || Number(p) > 2147483647) fail(raw, `version part '${p}' exceeds Int32`);
    key += encodeNumber(p);
  }
  if (release === undefined) return `${key}\u0002`;
  key += '\u0001';
  for (const label of release.split('.')) {
    if (!LABEL.test(label)) fail(raw, `invalid release label '${label}'`);
    const n = int32Label(label);
    if (n === undefined) {
      key += `\u0003${label.toUpperCase()}\u0000`;
    } else {
      const u = n + 2147483648;
      key += `\u0002${String.fromCharCode(Math.floor(u / 65536), u % 65536)}`;
    }
  }
  return `${key}\u0001`;
}

export const nugetScheme: VersionScheme = {
  id: 'nuget',
  stringKeys: true,
  parse: parseNuGet,
  compare: compareStrings,
};
