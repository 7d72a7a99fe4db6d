import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';

export const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
export const CaseIdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$', description: 'Case id (uuid) or reference (NR-2026-000001)' }) },
  { additionalProperties: false },
);
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    instance: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    legalActions: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true },
);
export const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  413: Problem,
} as const;

/** A created resource; its fields are documented by the operation's summary. */
export const Created = Type.Object({}, { additionalProperties: true });

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** The case list page; a response schema also lets Fastify serialize it without generic JSON.stringify. */
export const CaseListPage = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      ref: Type.String(),
      state: Type.String(),
      title: Type.String(),
      productName: Type.String(),
      supplierName: Nullable(Type.String()),
      sector: Nullable(Type.String()),
      origin: Type.String(),
      outcome: Nullable(Type.String()),
      clock: Nullable(Type.Object({}, { additionalProperties: true })),
      createdAt: Type.String({ format: 'date-time' }),
      updatedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});
