import type { Component, Sbom } from '../model.ts';
import type { SbomComponent } from './component.ts';

/**
 * The NTIA "minimum elements for an SBOM" (July 2021) checked on one parsed SBOM. Five elements
 * belong to every component (the root product included), two to the document.
 *
 * Score (0–100): each element contributes its weight times the share of components that carry
 * it (document elements: all or nothing). Weights:
 *   supplier 15, name 15, version 15, unique identifier 20, dependency relationship 15,
 *   author of SBOM data 10, timestamp 10.
 * The unique identifier weighs most because without it no advisory can be matched exactly;
 * the document-level fields weigh least because they are one line each and say nothing about
 * the components. An SBOM with no components scores only on the document elements.
 */
export type NtiaElement = 'supplier' | 'name' | 'version' | 'uniqueIdentifier' | 'dependencyRelationship' | 'author' | 'timestamp';

export const NTIA_WEIGHTS: Readonly<Record<NtiaElement, number>> = {
  supplier: 15,
  name: 15,
  version: 15,
  uniqueIdentifier: 20,
  dependencyRelationship: 15,
  author: 10,
  timestamp: 10,
};

export interface NtiaElementResult {
  element: NtiaElement;
  scope: 'component' | 'document';
  /** True when every component (or the document) carries the element. */
  present: boolean;
  /** Components lacking it (document elements: 0 when present, else the component count). */
  missing: number;
  /** Share carrying it, 0–1. */
  coverage: number;
  weight: number;
  /** Up to 10 refs of components lacking it, to show where to look. */
  examples: string[];
}

export interface NtiaReport {
  /** Components checked, the root product included. */
  components: number;
  elements: NtiaElementResult[];
  /** 0–100, one decimal. */
  score: number;
  /** Every element present for every component. */
  conformant: boolean;
}

const PER_COMPONENT: [NtiaElement, (c: SbomComponent, hasRelation: (ref: string) => boolean) => boolean][] = [
  ['supplier', (c) => !!c.supplier],
  ['name', (c) => !!c.name],
  ['version', (c) => !!c.version],
  ['uniqueIdentifier', (c) => !!(c.purl || c.cpe || c.swid || c.hashes.length > 0)],
  ['dependencyRelationship', (c, rel) => rel(c.ref)],
];

export function ntiaReport(sbom: Sbom): NtiaReport {
  const all: SbomComponent[] = sbom.root ? [sbom.root, ...sbom.components] : [...sbom.components];
  const included = new Set<string>();
  const sources = new Set<string>();
  for (const [from, tos] of sbom.dependencies) {
    if (tos.length) sources.add(from);
    for (const t of tos) included.add(t);
  }
  const rootRef = sbom.root?.ref;
  // NTIA asks that each component's inclusion in the product be stated: a component has its
  // relationship when something includes it; the root has it when it lists what it includes.
  const hasRelation = (ref: string): boolean => (ref === rootRef ? sources.has(ref) : included.has(ref));

  const elements: NtiaElementResult[] = [];
  const n = all.length;
  for (const [element, test] of PER_COMPONENT) {
    let missing = 0;
    const examples: string[] = [];
    for (const c of all) {
      if (test(c, hasRelation)) continue;
      missing++;
      if (examples.length < 10) examples.push(label(c));
    }
    elements.push({ element, scope: 'component', present: missing === 0 && n > 0, missing, coverage: n ? (n - missing) / n : 0, weight: NTIA_WEIGHTS[element], examples });
  }
  const doc: [NtiaElement, boolean][] = [
    ['author', sbom.authors.length > 0],
    ['timestamp', !!sbom.timestamp],
  ];
  for (const [element, ok] of doc) {
    elements.push({ element, scope: 'document', present: ok, missing: ok ? 0 : n, coverage: ok ? 1 : 0, weight: NTIA_WEIGHTS[element], examples: [] });
  }
  let score = 0;
  for (const e of elements) score += e.weight * e.coverage;
  return { components: n, elements, score: Math.round(score * 10) / 10, conformant: elements.every((e) => e.present) };
}

function label(c: Component): string {
  return c.ref || c.name || '(unnamed)';
}
