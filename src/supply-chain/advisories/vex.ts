import { readFile, stat } from 'node:fs/promises';
import { isCsaf, parseCsaf } from './csaf.ts';
import { isCycloneDx, parseCycloneDxVex } from './cyclonedx-vex.ts';
import { AdvisoryError, kindOf } from './errors.ts';
import { parseStructured } from './load.ts';
import type { SourceWarning, VexStatementDetail } from './vex-types.ts';

export interface VexDocument {
  format: 'csaf-vex' | 'cyclonedx-vex';
  statements: VexStatementDetail[];
  warnings: SourceWarning[];
}

/**
 * A VEX document of either supported kind, told apart by content (CSAF has
 * `document.csaf_version`, CycloneDX has `bomFormat`), never by file name, since suppliers
 * name files freely. Anything else is refused with what the file looks like instead.
 */
export function parseVexDocument(value: unknown, path?: string): VexDocument {
  if (isCsaf(value)) {
    const r = parseCsaf(value, path);
    return { format: 'csaf-vex', statements: r.vex, warnings: r.warnings };
  }
  if (isCycloneDx(value)) {
    const r = parseCycloneDxVex(value, path);
    return { format: 'cyclonedx-vex', statements: r.statements, warnings: r.warnings };
  }
  throw new AdvisoryError(`not a VEX document: ${describe(value)}`, '', path);
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `top level is ${kindOf(value)}, expected a CSAF or CycloneDX object`;
  const o = value as Record<string, unknown>;
  if (typeof o.spdxVersion === 'string' || typeof o.SPDXID === 'string') return 'it is an SPDX document (SPDX carries no VEX statements)';
  if (typeof o.id === 'string' && 'modified' in o) return 'it is an OSV advisory, not a VEX statement';
  if (typeof o['@context'] === 'string' && String(o['@context']).includes('openvex')) return 'it is OpenVEX, which is not supported (CSAF VEX and CycloneDX VEX are)';
  return 'neither "document.csaf_version" (CSAF) nor "bomFormat": "CycloneDX" found';
}

/** A VEX document from its bytes (JSON), as uploaded or read from a file. */
export function parseVexBytes(bytes: Uint8Array, path?: string): VexDocument {
  return parseVexDocument(parseStructured(bytes, path ?? '', 'json'), path);
}

/** Reads one VEX file (JSON); 64 MiB at most. */
export async function importVex(path: string, maxBytes = 64 * 1024 * 1024): Promise<VexDocument> {
  const s = await stat(path).catch(() => {
    throw new AdvisoryError('no such file', '', path);
  });
  if (!s.isFile()) throw new AdvisoryError('not a file', '', path);
  if (s.size > maxBytes) throw new AdvisoryError(`file is ${s.size} bytes, more than the limit of ${maxBytes}`, '', path);
  const bytes = new Uint8Array(await readFile(path));
  return parseVexBytes(bytes, path);
}
