export { parseSbom, DEFAULT_MAX_BYTES } from './parse.ts';
export type { ParseSbomOptions, ParsedSbom } from './parse.ts';
export { SbomError } from './errors.ts';
export type { SbomErrorCode } from './errors.ts';
export type { SbomComponent } from './component.ts';
export { DependencyGraph, dependencyGraph, findCycles } from './graph.ts';
export type { Relation } from './graph.ts';
export { ntiaReport, NTIA_WEIGHTS } from './ntia.ts';
export type { NtiaElement, NtiaElementResult, NtiaReport } from './ntia.ts';
