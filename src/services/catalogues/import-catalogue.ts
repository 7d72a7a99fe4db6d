import { Type } from '@sinclair/typebox';
import type { ActorContext } from '../../domain/actor.ts';
import { actorUserId } from '../../domain/actor.ts';
import { authorizeCatalogue } from '../../policies/index.ts';
import { appendAudit } from '../../audit/log.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { catalogueIdFrom, NETREVIEW_NS, parseOscalCatalog } from '../../assessment/oscal-catalog.ts';
import { insertCatalogue } from '../../db/repos/catalogues.ts';
import { validateInput } from '../validate.ts';

export const CatalogueId = Type.String({ minLength: 2, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]{1,63}$', description: 'Catalogue id, e.g. nist-sp-800-53-rev5' });
export const ImportCatalogueOptions = Type.Object({ id: Type.Optional(CatalogueId) }, { additionalProperties: false });

export interface ImportCatalogueInput {
  /** The OSCAL catalog document: raw bytes/text, or already decoded JSON. */
  document: Buffer | string | unknown;
  options?: unknown;
}

export interface ImportedCatalogue {
  id: string;
  uuid: string;
  title: string;
  clauses: number;
}

function decode(doc: ImportCatalogueInput['document']): unknown {
  if (!Buffer.isBuffer(doc) && typeof doc !== 'string') return doc;
  const text = Buffer.isBuffer(doc) ? doc.toString('utf8') : doc;
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('invalid_document', `not an OSCAL catalog: the file is not JSON (${(e as Error).message})`, { errors: [{ path: '/', message: 'not JSON' }] });
  }
}

/** Art. 11: a standards catalogue is loaded as data (OSCAL catalog JSON); all or nothing. */
export async function importCatalogue(ctx: ActorContext, input: ImportCatalogueInput): Promise<ImportedCatalogue> {
  authorizeCatalogue(ctx.actor, 'catalogue.import');
  const opts = validateInput(ImportCatalogueOptions, input.options ?? {}, '/query');
  const parsed = parseOscalCatalog(decode(input.document));
  const id = opts.id ?? catalogueIdFrom(parsed.title, parsed.version);
  const mdProps = Array.isArray(parsed.metadata.props) ? (parsed.metadata.props as { name?: string; ns?: string; value?: string }[]) : [];
  const titleZh = mdProps.find((p) => p.name === 'title-zh' && p.ns === NETREVIEW_NS)?.value ?? null;
  const at = ctx.now();
  try {
    await ctx.db.transaction(async (tx) => {
      await insertCatalogue(tx, { id, uuid: parsed.uuid, title: parsed.title, titleZh, version: parsed.version, oscalVersion: parsed.oscalVersion, metadata: parsed.metadata, backMatter: parsed.backMatter, importedBy: actorUserId(ctx.actor), at }, parsed.clauses);
      await appendAudit(tx, { type: 'catalogue.imported', actor: ctx.actor, at, subjectId: id, data: { catalogueId: id, uuid: parsed.uuid, title: parsed.title, clauses: parsed.clauses.length } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict', `a catalogue with id "${id}" or uuid ${parsed.uuid} is already loaded`);
    throw e;
  }
  return { id, uuid: parsed.uuid, title: parsed.title, clauses: parsed.clauses.length };
}
