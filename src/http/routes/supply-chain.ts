import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { loadCaseForActor } from '../../services/cases/transition-case.ts';
import { getSbomAnalysis, listSbomAnalyses, listSbomFindings, FindingsQuery } from '../../services/supply-chain/read-sbom-analyses.ts';
import { getAdvisoryImpact } from '../../services/supply-chain/get-advisory-impact.ts';
import { importAdvisoryBytes } from '../../services/supply-chain/import-advisories.ts';
import type { SbomAnalysisRow, FindingRow } from '../../db/repos/sbom-analyses.ts';
import type { ImpactRow } from '../../db/repos/portfolio.ts';
import { AppError } from '../../errors.ts';
import { CaseIdParams, problems, Uuid } from '../schemas.ts';

const AnalysisParams = Type.Object({ id: Uuid }, { additionalProperties: false });
const AdvisoryParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$', description: 'Advisory id or alias (GHSA-…, CVE-…)' }) }, { additionalProperties: false });
const ImpactQuery = Type.Object({ superseded: Type.Optional(Type.Boolean({ description: 'also list impacts set aside (withdrawn or narrowed advisories)' })) }, { additionalProperties: false });

/** Largest advisory upload over HTTP (a zip of an ecosystem's OSV records); larger imports use the CLI. */
const ADVISORY_BODY_LIMIT = 64 * 1024 * 1024;

function presentAnalysis(a: SbomAnalysisRow, full: boolean) {
  return {
    id: a.id,
    caseId: a.case_id,
    materialId: a.material_id,
    productVersionId: a.product_version_id,
    state: a.state,
    error: a.error,
    format: a.format,
    specVersion: a.spec_version,
    sbomName: a.sbom_name,
    componentCount: a.component_count,
    findingCount: a.finding_count,
    counts: a.counts,
    createdAt: a.created_at,
    finishedAt: a.finished_at,
    ...(full ? { ntia: a.ntia, provenance: a.provenance, warnings: a.warnings } : {}),
  };
}

function presentFinding(f: FindingRow) {
  return {
    seq: f.seq,
    componentRef: f.component_ref,
    purl: f.purl,
    name: f.name,
    version: f.version,
    ecosystem: f.ecosystem,
    advisoryId: f.advisory_id,
    aliases: f.aliases,
    summary: f.summary,
    severity: f.severity,
    score: f.score,
    vector: f.vector,
    fixedVersion: f.fixed_version,
    path: f.path?.refs ?? [],
    pathNames: f.path?.names ?? [],
    depth: f.depth,
    direct: f.direct,
    category: f.category,
    suppressed: f.suppressed,
  };
}

function presentImpact(i: ImpactRow) {
  return {
    productVersionId: i.product_version_id,
    productName: i.product_name,
    version: i.version,
    supplierName: i.supplier_name,
    caseId: i.case_id,
    caseRef: i.case_ref,
    caseState: i.case_state,
    underSupervision: i.under_supervision,
    components: i.components,
    foundAt: i.found_at,
    supersededAt: i.superseded_at,
    supersededReason: i.superseded_reason,
  };
}

export function registerSupplyChainRoutes(app: FastifyInstance): void {
  app.addContentTypeParser('application/zip', { parseAs: 'buffer', bodyLimit: ADVISORY_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.get('/api/v1/cases/:id/sbom-analyses', {
    schema: { tags: ['supply-chain'], summary: 'SBOM analyses of a case, newest first (Art. 4)', params: CaseIdParams, response: { 403: problems[403], 404: problems[404] } },
  }, async (req) => {
    const ctx = req.ctx();
    const loaded = await loadCaseForActor(ctx, (req.params as { id: string }).id);
    return { items: (await listSbomAnalyses(ctx, loaded)).map((a) => presentAnalysis(a, false)) };
  });

  app.get('/api/v1/sbom-analyses/:id', {
    schema: { tags: ['supply-chain'], summary: 'One SBOM analysis: NTIA minimum elements, supplier and provenance summary, counts', params: AnalysisParams, response: { 403: problems[403], 404: problems[404] } },
  }, async (req) => presentAnalysis(await getSbomAnalysis(req.ctx(), (req.params as { id: string }).id), true));

  app.get('/api/v1/sbom-analyses/:id/findings', {
    schema: {
      tags: ['supply-chain'],
      summary: 'Findings of an SBOM analysis, most important first, filtered by severity and Art. 4 category; keyset pages',
      params: AnalysisParams,
      querystring: FindingsQuery,
      response: { 400: problems[400], 403: problems[403], 404: problems[404] },
    },
  }, async (req) => {
    const page = await listSbomFindings(req.ctx(), (req.params as { id: string }).id, req.query);
    return { items: page.items.map(presentFinding), nextCursor: page.nextCursor };
  });

  app.get('/api/v1/advisories/:id/impact', {
    schema: { tags: ['supply-chain'], summary: 'Reviewed product versions an advisory hits (supervision; Office only)', params: AdvisoryParams, querystring: ImpactQuery, response: { 401: problems[401], 403: problems[403], 404: problems[404] } },
  }, async (req) => {
    const r = await getAdvisoryImpact(req.ctx(), (req.params as { id: string }).id, !!(req.query as { superseded?: boolean }).superseded);
    return { advisory: r.advisory, impacts: r.impacts.map(presentImpact) };
  });

  app.post('/api/v1/advisories/import', {
    bodyLimit: ADVISORY_BODY_LIMIT,
    schema: {
      tags: ['supply-chain'],
      summary: 'Import advisories: one OSV or CSAF JSON document (application/json) or a zip of them (application/zip); new and changed ones are matched against the portfolio (Office only)',
      response: { 400: problems[400], 401: problems[401], 403: problems[403], 413: problems[413] },
    },
  }, async (req) => {
    const body: unknown = req.body;
    let bytes: Uint8Array;
    if (Buffer.isBuffer(body)) bytes = body;
    else if (typeof body === 'object' && body !== null) bytes = Buffer.from(JSON.stringify(body));
    else throw new AppError('unsupported_media_type', 'send an OSV/CSAF JSON document as application/json or a zip as application/zip');
    return importAdvisoryBytes(req.ctx(), bytes);
  });
}
