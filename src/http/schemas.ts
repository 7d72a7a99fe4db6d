import { Type } from '@sinclair/typebox';

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
