import type { SeverityLevel } from '../model.ts';
import type { SbomAnalysis, SupplyChainFinding } from './types.ts';

/**
 * Findings as a SARIF 2.1.0 log (OASIS SARIF v2.1.0), so code-scanning dashboards can show them:
 * one rule per vulnerability, one result per (component, vulnerability). The location is the
 * SBOM file plus a logical location naming the package (its purl), since an SBOM finding has no
 * source line. VEX suppressions become SARIF `suppressions` of kind "external".
 */

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** SARIF has four levels; an unrated advisory is still a vulnerability, so it warns. */
const LEVEL = { critical: 'error', high: 'error', medium: 'warning', low: 'note', none: 'none', unknown: 'warning' } as const satisfies Record<SeverityLevel, SarifLevel>;

export interface SarifOptions {
  /** The SBOM file as it should appear in the log (relative path or URI). */
  artifactUri: string;
  toolVersion: string;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

interface SarifMessage {
  text: string;
}

interface SarifRule {
  id: string;
  shortDescription: SarifMessage;
  helpUri?: string;
  properties: { 'security-severity'?: string; tags: string[]; aliases: string[] };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: {
    physicalLocation: { artifactLocation: { uri: string; index: number } };
    logicalLocations: { name: string; fullyQualifiedName: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'external'; status: 'accepted'; justification: string }[];
  properties: Record<string, unknown>;
}

interface SarifRun {
  tool: { driver: { name: string; version: string; rules: SarifRule[] } };
  artifacts: { location: { uri: string }; roles: string[] }[];
  results: SarifResult[];
  properties: Record<string, unknown>;
}

export function toSarif(analysis: SbomAnalysis, opts: SarifOptions): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const f of analysis.findings) {
    let ri = ruleIndex.get(f.advisoryId);
    if (ri === undefined) {
      ri = rules.push(ruleOf(f)) - 1;
      ruleIndex.set(f.advisoryId, ri);
    }
    results.push(resultOf(f, ri, opts.artifactUri));
  }
  return {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'netreview', version: opts.toolVersion, rules } },
        artifacts: [{ location: { uri: opts.artifactUri }, roles: ['analysisTarget'] }],
        results,
        properties: { ntiaScore: analysis.ntia.score, counts: analysis.counts, analysedAt: analysis.analysedAt },
      },
    ],
  };
}

function ruleOf(f: SupplyChainFinding): SarifRule {
  return {
    id: f.advisoryId,
    shortDescription: { text: f.summary ?? f.advisoryId },
    helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(f.advisoryId)}`,
    properties: {
      // GitHub code scanning reads this property to rank security results.
      ...(f.score !== null ? { 'security-severity': f.score.toFixed(1) } : {}),
      tags: ['security', 'vulnerability', `art4-${f.category}`],
      aliases: f.aliases,
    },
  };
}

function resultOf(f: SupplyChainFinding, ruleIndex: number, uri: string): SarifResult {
  const pkg = `${f.name}${f.version !== null ? `@${f.version}` : ''}`;
  const fix = f.fixedVersion !== null ? `; fixed in ${f.fixedVersion}` : '; no fixed version known';
  const via = f.path.length > 2 ? ` (via ${f.pathNames.slice(1, -1).join(' → ')})` : '';
  const result: SarifResult = {
    ruleId: f.advisoryId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${pkg} is affected by ${f.advisoryId}${f.aliases.length ? ` (${f.aliases.join(', ')})` : ''}${fix}${via}.` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri, index: 0 } },
        logicalLocations: [{ name: pkg, fullyQualifiedName: f.purl ?? f.componentRef, kind: 'package' }],
      },
    ],
    partialFingerprints: { 'componentAdvisory/v1': `${f.purl ?? f.componentRef}|${f.advisoryId}` },
    properties: {
      severity: f.severity,
      score: f.score,
      vector: f.vector,
      fixedVersion: f.fixedVersion,
      path: f.path,
      depth: f.depth,
      direct: f.direct,
      category: f.category,
    },
  };
  if (f.suppressed !== null) {
    const s = f.suppressed;
    result.suppressions = [{ kind: 'external', status: 'accepted', justification: [s.status, s.justification, s.impactStatement, s.source].filter((x) => x).join('; ') }];
  }
  return result;
}
