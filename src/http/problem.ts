import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES } from '../errors.ts';
import type { ErrorCode, FieldError } from '../errors.ts';

export function prefersZh(req: FastifyRequest): boolean {
  const h = req.headers['accept-language'];
  return typeof h === 'string' && /^\s*zh/i.test(h);
}

interface AjvIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Fastify's validation errors → field errors with JSON pointers into the request. */
function fieldErrors(err: FastifyError): FieldError[] {
  const part = (err as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  return ((err.validation ?? []) as AjvIssue[]).map((v) => {
    let path = `/${part}${v.instancePath}`;
    let message = v.message ?? v.keyword;
    if (v.keyword === 'additionalProperties') {
      path += `/${String(v.params.additionalProperty)}`;
      message = 'unknown field';
    } else if (v.keyword === 'required') {
      path += `/${String(v.params.missingProperty)}`;
      message = 'required';
    }
    return { path, message };
  });
}

/** Every error leaves as application/problem+json with a stable `code`. */
export function toProblem(err: unknown): { code: ErrorCode; detail: string; extra: Record<string, unknown> } {
  if (err instanceof AppError) return { code: err.code, detail: err.message, extra: err.extra };
  const e = err as FastifyError;
  if (e?.validation) {
    const errors = fieldErrors(e);
    return { code: 'validation_failed', detail: errors.map((x) => `${x.path}: ${x.message}`).join('; '), extra: { errors } };
  }
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'body_too_large', detail: e.message, extra: {} };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', detail: e.message, extra: {} };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'malformed_json', detail: e.message, extra: {} };
  }
  if (e instanceof SyntaxError || (e?.statusCode === 400 && /JSON/i.test(e.message ?? ''))) return { code: 'malformed_json', detail: e.message, extra: {} };
  if (e?.statusCode === 413) return { code: 'body_too_large', detail: e.message, extra: {} };
  if (e?.statusCode === 415) return { code: 'unsupported_media_type', detail: e.message, extra: {} };
  if (e?.statusCode === 404) return { code: 'not_found', detail: 'No such resource', extra: {} };
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return { code: 'validation_failed', detail: e.message, extra: {} };
  return { code: 'internal', detail: 'An internal error occurred; it has been logged.', extra: {} };
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const p = toProblem(err);
  const def = ERROR_CODES[p.code];
  if (p.code === 'internal') req.log.error({ err }, 'internal error');
  return reply
    .status(def.status)
    .type('application/problem+json')
    .send({
      type: `urn:netreview:problem:${p.code}`,
      title: prefersZh(req) ? def.titleZh : def.title,
      status: def.status,
      code: p.code,
      detail: p.detail,
      instance: req.url,
      ...p.extra,
    });
}
