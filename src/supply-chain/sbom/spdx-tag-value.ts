import type { Sbom } from '../model.ts';
import { SbomError } from './errors.ts';
import { type BuildContext, type Obj, lineLocator } from './component.ts';
import { buildSpdx2 } from './spdx2.ts';

/**
 * SPDX 2.x tag-value: 'Tag: value' lines, '#' comments, and <text>…</text> values that may span
 * lines. The reader rebuilds the SPDX JSON shape (packages, relationships, creationInfo) and
 * remembers the line of every element and field, so warnings name lines.
 */

/** Tags that say "this is SPDX tag-value" when they open a document. */
export const DOCUMENT_TAGS = /^(SPDXVersion|DataLicense|SPDXID|DocumentName|DocumentNamespace|Creator|Created|LicenseListVersion|DocumentComment|ExternalDocumentRef)\s*:/;

const TAG = /^[A-Za-z][A-Za-z0-9_-]*$/;

interface Parsed {
  doc: Obj;
  lines: WeakMap<object, number>;
  fieldLines: WeakMap<object, Record<string, number>>;
}

export function readTagValue(text: string, warn: (line: number, message: string) => void): Parsed {
  const lines = new WeakMap<object, number>();
  const fieldLines = new WeakMap<object, Record<string, number>>();
  const creators: string[] = [];
  const creationInfo: Obj = { creators };
  const packages: Obj[] = [];
  const files: Obj[] = [];
  const snippets: Obj[] = [];
  const relationships: Obj[] = [];
  const doc: Obj = { creationInfo, packages, files, snippets, relationships };
  lines.set(doc, 1);
  let current: Obj = doc;
  let kind: 'doc' | 'package' | 'file' | 'snippet' | 'other' = 'doc';
  let badLines = 0;

  const set = (obj: Obj, key: string, value: unknown, line: number): void => {
    obj[key] = value;
    let f = fieldLines.get(obj);
    if (!f) fieldLines.set(obj, (f = {}));
    f[key] = line;
  };

  const src = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < src.length; i++) {
    const lineNo = i + 1;
    const line = src[i]!;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const tag = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!TAG.test(tag)) {
      if (++badLines > 1000) throw new SbomError('syntax', 'more than 1000 lines are not "Tag: value"; this is not SPDX tag-value', `line ${lineNo}`);
      warn(lineNo, 'line is not "Tag: value"; ignored');
      continue;
    }
    let value = line.slice(colon + 1).trim();
    const open = value.indexOf('<text>');
    if (open === 0) {
      const close = value.indexOf('</text>');
      if (close >= 0) value = value.slice(6, close);
      else {
        const parts = [value.slice(6)];
        let j = i + 1;
        for (; j < src.length; j++) {
          const end = src[j]!.indexOf('</text>');
          if (end >= 0) {
            parts.push(src[j]!.slice(0, end));
            break;
          }
          parts.push(src[j]!);
        }
        if (j >= src.length) throw new SbomError('syntax', `<text> opened by ${tag} is never closed`, `line ${lineNo}`);
        value = parts.join('\n');
        i = j;
      }
    }

    switch (tag) {
      case 'PackageName':
        current = { name: value };
        kind = 'package';
        packages.push(current);
        lines.set(current, lineNo);
        set(current, 'name', value, lineNo);
        continue;
      case 'FileName':
        current = { fileName: value };
        kind = 'file';
        files.push(current);
        continue;
      case 'SnippetSPDXID':
        current = { SPDXID: value };
        kind = 'snippet';
        snippets.push(current);
        continue;
      case 'LicenseID':
        current = {};
        kind = 'other';
        continue;
      case 'Relationship': {
        const parts = value.split(/\s+/);
        if (parts.length !== 3) {
          warn(lineNo, 'Relationship needs "ELEMENT TYPE ELEMENT"; ignored');
          continue;
        }
        const rel = { spdxElementId: parts[0], relationshipType: parts[1], relatedSpdxElement: parts[2] };
        lines.set(rel, lineNo);
        relationships.push(rel);
        continue;
      }
      case 'SPDXID':
        set(current, 'SPDXID', value, lineNo);
        continue;
    }
    if (kind === 'doc') {
      switch (tag) {
        case 'SPDXVersion': set(doc, 'spdxVersion', value, lineNo); break;
        case 'DocumentName': set(doc, 'name', value, lineNo); break;
        case 'DocumentNamespace': set(doc, 'documentNamespace', value, lineNo); break;
        case 'Creator': creators.push(value); break;
        case 'Created': set(creationInfo, 'created', value, lineNo); break;
      }
    } else if (kind === 'package') {
      readPackageTag(current, tag, value, lineNo, set, (o, l) => lines.set(o, l), warn);
    }
  }
  if (doc['spdxVersion'] === undefined) throw new SbomError('structure', 'SPDX tag-value document has no SPDXVersion line', 'line 1');
  lines.set(creationInfo, fieldLines.get(creationInfo)?.['created'] ?? 1);
  return { doc, lines, fieldLines };
}

type Setter = (obj: Obj, key: string, value: unknown, line: number) => void;

function readPackageTag(pkg: Obj, tag: string, value: string, line: number, set: Setter, mark: (o: object, line: number) => void, warn: (line: number, message: string) => void): void {
  switch (tag) {
    case 'PackageVersion': set(pkg, 'versionInfo', value, line); break;
    case 'PackageSupplier': set(pkg, 'supplier', value, line); break;
    case 'PackageOriginator': set(pkg, 'originator', value, line); break;
    case 'PackageLicenseConcluded': set(pkg, 'licenseConcluded', value, line); break;
    case 'PackageLicenseDeclared': set(pkg, 'licenseDeclared', value, line); break;
    case 'PrimaryPackagePurpose': set(pkg, 'primaryPackagePurpose', value, line); break;
    case 'PackageDownloadLocation': set(pkg, 'downloadLocation', value, line); break;
    case 'PackageChecksum': {
      const m = /^([A-Za-z0-9-]+)\s*:\s*(\S+)$/.exec(value);
      if (!m) {
        warn(line, 'PackageChecksum needs "ALGORITHM: value"; ignored');
        break;
      }
      const list = (pkg['checksums'] ??= []) as Obj[];
      const entry = { algorithm: m[1], checksumValue: m[2] };
      list.push(entry);
      mark(entry, line);
      break;
    }
    case 'ExternalRef': {
      const parts = value.split(/\s+/);
      if (parts.length < 3) {
        warn(line, 'ExternalRef needs "CATEGORY TYPE LOCATOR"; ignored');
        break;
      }
      const list = (pkg['externalRefs'] ??= []) as Obj[];
      const entry = { referenceCategory: parts[0], referenceType: parts[1], referenceLocator: parts.slice(2).join(' ') };
      list.push(entry);
      mark(entry, line);
      break;
    }
  }
}

export function parseSpdxTagValue(text: string, ctx: BuildContext): Sbom {
  const { doc, lines, fieldLines } = readTagValue(text, (line, message) => ctx.issues.add(`line ${line}`, message));
  return buildSpdx2(doc, { ...ctx, at: lineLocator(lines, fieldLines) }, 'spdx-tag-value');
}
