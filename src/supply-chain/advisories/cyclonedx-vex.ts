import type { VexStatus } from '../model.ts';
import { AdvisoryError, kindOf } from './errors.ts';
import type { SourceWarning, VexStatementDetail } from './vex-types.ts';

/**
 * CycloneDX VEX (a BOM whose `vulnerabilities[]` carry `analysis`, CycloneDX 1.4+) → VEX
 * statements. `affects[].ref` are bom-refs or BOM-Links (urn:cdx:serial/version#ref) and are kept
 * as written; when the same document lists the component, its purl is resolved alongside.
 *
 * Status mapping (CycloneDX impact analysis state → VEX status, as CISA's VEX minimum elements
 * pair them): exploitable → affected; in_triage → under_investigation; resolved and
 * resolved_with_pedigree → fixed; not_affected and false_positive → not_affected.
 * Per-version status refines it: "affected" → affected, "unaffected" → the state's fixed or
 * not_affected (not_affected when the state says affected), "unknown" → under_investigation;
 * a version without status takes the analysis state (CISA's examples list fixed versions so).
 */

type Obj = Record<string, unknown>;

const STATE: Record<string, VexStatus> = {
  exploitable: 'affected',
  in_triage: 'under_investigation',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  not_affected: 'not_affected',
  false_positive: 'not_affected',
};

export interface CycloneDxVexResult {
  serialNumber?: string;
  specVersion: string;
  statements: VexStatementDetail[];
  warnings: SourceWarning[];
}

export function isCycloneDx(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Obj).bomFormat === 'CycloneDX';
}

export function parseCycloneDxVex(input: unknown, path?: string): CycloneDxVexResult {
  const fail = (at: string, msg: string): never => { throw new AdvisoryError(msg, at, path); };
  const obj = (v: unknown, at: string): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(at, `expected an object, got ${kindOf(v)}`));
  const str = (v: unknown, at: string): string => (typeof v === 'string' && v.trim() !== '' ? v : fail(at, v === undefined ? 'is required' : `expected a non-empty string, got ${kindOf(v)}`));
  const arr = (v: unknown, at: string): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : fail(at, `expected an array, got ${kindOf(v)}`));

  const bom = obj(input, '');
  if (bom.bomFormat !== 'CycloneDX') {
    fail('/bomFormat', bom.bomFormat === undefined ? 'is missing: not a CycloneDX document' : `is "${String(bom.bomFormat)}", not "CycloneDX"`);
  }
  const vulnerabilities = arr(bom.vulnerabilities, '/vulnerabilities');
  if (vulnerabilities.length === 0) fail('/vulnerabilities', 'is missing or empty: this CycloneDX document is an SBOM, not a VEX document');
  const specVersion = str(bom.specVersion, '/specVersion');
  if (!/^1\.(\d+)$/.test(specVersion) || Number(specVersion.split('.')[1]) < 4) {
    fail('/specVersion', `"${specVersion}": VEX (vulnerabilities with analysis) needs CycloneDX 1.4 or later`);
  }

  const serialNumber = typeof bom.serialNumber === 'string' ? bom.serialNumber : undefined;
  const warnings: SourceWarning[] = [];
  const purlOfRef = new Map<string, string>();
  const collect = (components: unknown, at: string): void => {
    arr(components, at).forEach((c, i) => {
      const comp = obj(c, `${at}/${i}`);
      if (typeof comp['bom-ref'] === 'string' && typeof comp.purl === 'string') purlOfRef.set(comp['bom-ref'], comp.purl);
      if (comp.components !== undefined) collect(comp.components, `${at}/${i}/components`);
    });
  };
  const metadata = bom.metadata === undefined ? undefined : obj(bom.metadata, '/metadata');
  const metaComponent = metadata?.component === undefined ? undefined : obj(metadata.component, '/metadata/component');
  if (metaComponent && typeof metaComponent['bom-ref'] === 'string' && typeof metaComponent.purl === 'string') {
    purlOfRef.set(metaComponent['bom-ref'], metaComponent.purl);
  }
  collect(bom.components, '/components');

  // A BOM-Link names a component of a BOM by serial; only links into this very document resolve here.
  const ownSerial = serialNumber?.replace(/^urn:uuid:/, '');
  const resolve = (ref: string): string | undefined => {
    if (!ref.startsWith('urn:cdx:')) return purlOfRef.get(ref);
    if (!ownSerial || !ref.startsWith(`urn:cdx:${ownSerial}/`)) return undefined;
    return purlOfRef.get(ref.slice(ref.indexOf('#') + 1));
  };

  const statements: VexStatementDetail[] = [];
  vulnerabilities.forEach((v, i) => {
    const at = `/vulnerabilities/${i}`;
    const vuln = obj(v, at);
    const id = str(vuln.id, `${at}/id`);
    if (vuln.analysis === undefined) {
      warnings.push({ at: `${at}/analysis`, message: `vulnerability ${id} has no analysis: a listing, not a VEX statement; skipped` });
      return;
    }
    const analysis = obj(vuln.analysis, `${at}/analysis`);
    const state = str(analysis.state, `${at}/analysis/state`);
    const stateStatus = STATE[state];
    if (!stateStatus) fail(`${at}/analysis/state`, `"${state}" is not a CycloneDX impact analysis state (${Object.keys(STATE).join(', ')})`);
    const justification = analysis.justification === undefined ? undefined : str(analysis.justification, `${at}/analysis/justification`);
    const detail = typeof analysis.detail === 'string' && analysis.detail.trim() !== '' ? analysis.detail : undefined;
    const responses = arr(analysis.response, `${at}/analysis/response`).map((r, j) => str(r, `${at}/analysis/response/${j}`));
    const action = [responses.length > 0 ? `response: ${responses.join(', ')}` : '', typeof vuln.recommendation === 'string' ? vuln.recommendation : '']
      .filter(Boolean).join('; ');
    const aliases = [...new Set(arr(vuln.references, `${at}/references`)
      .map((r, j) => str(obj(r, `${at}/references/${j}`).id, `${at}/references/${j}/id`)))].filter((a) => a !== id).sort();

    // Group (ref, versions) by the status they end up with.
    const byStatus = new Map<VexStatus, { refs: string[]; versions: string[] }>();
    const put = (status: VexStatus, ref: string, version?: string): void => {
      let g = byStatus.get(status);
      if (!g) byStatus.set(status, (g = { refs: [], versions: [] }));
      if (!g.refs.includes(ref)) g.refs.push(ref);
      if (version !== undefined && !g.versions.includes(version)) g.versions.push(version);
    };
    const affects = arr(vuln.affects, `${at}/affects`);
    if (affects.length === 0) {
      warnings.push({ at: `${at}/affects`, message: `statement on ${id} names no product` });
      byStatus.set(stateStatus ?? 'under_investigation', { refs: [], versions: [] });
    }
    affects.forEach((a, j) => {
      const ap = `${at}/affects/${j}`;
      const affect = obj(a, ap);
      const ref = str(affect.ref, `${ap}/ref`);
      const versions = arr(affect.versions, `${ap}/versions`);
      if (versions.length === 0) put(stateStatus ?? 'under_investigation', ref);
      versions.forEach((x, k) => {
        const vp = `${ap}/versions/${k}`;
        const ver = obj(x, vp);
        const value = typeof ver.version === 'string' ? ver.version : typeof ver.range === 'string' ? ver.range : fail(vp, 'needs "version" or "range"');
        const s = ver.status;
        let status: VexStatus;
        if (s === undefined) status = stateStatus ?? 'under_investigation';
        else if (s === 'affected') status = 'affected';
        else if (s === 'unaffected') status = stateStatus === 'fixed' ? 'fixed' : 'not_affected';
        else if (s === 'unknown') status = 'under_investigation';
        else return fail(`${vp}/status`, `"${String(s)}" is not one of affected, unaffected, unknown`);
        put(status, ref, value);
      });
    });

    for (const [status, group] of byStatus) {
      const st: VexStatementDetail = {
        vulnerability: id,
        products: group.refs,
        status,
        source: { format: 'cyclonedx-vex', ...(path !== undefined ? { path } : {}) },
      };
      const purls = group.refs.map(resolve);
      if (purls.some((p) => p !== undefined)) st.productPurls = purls;
      if (group.versions.length > 0) st.versions = group.versions;
      if (aliases.length > 0) st.aliases = aliases;
      // A justification explains "not affected"; CycloneDX allows it on other states but it means nothing there.
      if (justification && status === 'not_affected') st.justification = justification;
      if (detail) st.impactStatement = detail;
      if (action) st.actionStatement = action;
      if (serialNumber) st.document = serialNumber;
      statements.push(st);
    }
  });
  return { ...(serialNumber ? { serialNumber } : {}), specVersion, statements, warnings };
}
