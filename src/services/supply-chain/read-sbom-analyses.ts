import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { loadCase } from '../../db/repos/cases.ts';
import type { LoadedCase } from '../../db/repos/cases.ts';
import { findAnalysis, listAnalysesOfCase, listFindings } from '../../db/repos/sbom-analyses.ts';
import type { FindingRow, SbomAnalysisRow } from '../../db/repos/sbom-analyses.ts';
import { authorizeSupplyChain, authorizeSupplyChainRead } from '../../policies/supply-chain.ts';
import { AppError } from '../../errors.ts';
import { validateInput } from '../validate.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'none', 'unknown'] as const;

export const FindingsQuery = Type.Object(
  {
    severity: Type.Optional(Type.Union(SEVERITIES.map((s) => Type.Literal(s)))),
    category: Type.Optional(Type.Integer({ minimum: 1, maximum: 2, description: 'Art. 4 category: 1 own components, 2 third-party' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

/** A case's SBOM analyses, newest first (Art. 4: what the supply chain of the reviewed product holds). */
export async function listSbomAnalyses(ctx: ActorContext, loaded: LoadedCase | undefined): Promise<SbomAnalysisRow[]> {
  authorizeSupplyChainRead(ctx.actor, loaded);
  return listAnalysesOfCase(ctx.db, (loaded as LoadedCase).id);
}

/** One analysis, for whoever may read its case's supply chain; one made outside a case, for the Office. */
export async function getSbomAnalysis(ctx: ActorContext, analysisId: string): Promise<SbomAnalysisRow> {
  const a = await findAnalysis(ctx.db, analysisId);
  if (!a) throw new AppError('not_found', 'No such SBOM analysis');
  if (a.case_id === null) {
    if (ctx.actor.kind !== 'user') throw new AppError('not_found', 'No such SBOM analysis');
    authorizeSupplyChain(ctx.actor, 'portfolio.read');
    return a;
  }
  const c = await loadCase(ctx.db, a.case_id, actorUserId(ctx.actor));
  try {
    authorizeSupplyChainRead(ctx.actor, c);
  } catch (e) {
    // The case's not-found wording would name the case; the caller asked for an analysis.
    if (e instanceof AppError && e.code === 'not_found') throw new AppError('not_found', 'No such SBOM analysis');
    throw e;
  }
  return a;
}

export interface FindingsPage {
  items: FindingRow[];
  nextCursor: string | null;
}

export async function listSbomFindings(ctx: ActorContext, analysisId: string, query: unknown): Promise<FindingsPage> {
  const q = validateInput(FindingsQuery, query, '/query');
  const a = await getSbomAnalysis(ctx, analysisId);
  const limit = q.limit ?? 50;
  const items = await listFindings(ctx.db, a.id, {
    afterSeq: q.cursor ? Number(q.cursor) : 0,
    limit: limit + 1,
    ...(q.severity ? { severity: q.severity } : {}),
    ...(q.category ? { category: q.category } : {}),
  });
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, nextCursor: more ? String(page[page.length - 1]?.seq) : null };
}
