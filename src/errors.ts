/**
 * One catalogue of stable error codes. Services throw `AppError`; the HTTP layer maps each code
 * to its status and answers application/problem+json; the CLI prints the same title.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'The request is not valid', titleZh: '请求内容无效' },
  malformed_json: { status: 400, title: 'The request body is not well-formed JSON', titleZh: '请求体不是合法的 JSON' },
  invalid_credentials: { status: 401, title: 'User name or password is wrong', titleZh: '用户名或密码错误' },
  unauthenticated: { status: 401, title: 'Sign-in required', titleZh: '需要登录' },
  session_expired: { status: 401, title: 'The session has expired; sign in again', titleZh: '会话已过期，请重新登录' },
  forbidden: { status: 403, title: 'You may not do this', titleZh: '无权执行此操作' },
  undertaking_required: { status: 403, title: 'Accept the confidentiality undertaking for this case first (Art. 12)', titleZh: '请先签署本案保密承诺（第十二条）' },
  not_found: { status: 404, title: 'Not found', titleZh: '未找到' },
  illegal_transition: { status: 409, title: 'This action is not legal in the case’s current state', titleZh: '案件当前状态下不允许此操作' },
  guard_failed: { status: 409, title: 'A precondition of this action is not met', titleZh: '此操作的前提条件未满足' },
  conflict: { status: 409, title: 'The resource changed or already exists', titleZh: '资源已变更或已存在' },
  body_too_large: { status: 413, title: 'The request body is too large', titleZh: '请求体过大' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type', titleZh: '不支持的内容类型' },
  invalid_document: { status: 422, title: 'The file is not a valid document of the expected format', titleZh: '文件不是所需格式的有效文档' },
  illegal_status_change: { status: 409, title: 'This status change is not allowed', titleZh: '不允许此状态变更' },
  signature_invalid: { status: 422, title: 'The signature does not verify: the file was altered, forged or signed by an unknown key', titleZh: '签名验证失败：文件被篡改、伪造或由未知密钥签署' },
  internal: { status: 500, title: 'Internal error', titleZh: '内部错误' },
  unavailable: { status: 503, title: 'Service unavailable', titleZh: '服务不可用' },
} as const satisfies Record<string, { status: number; title: string; titleZh: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** JSON pointer into the request ('/body/title', '/query/limit'). */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extra: { errors?: FieldError[]; legalActions?: string[]; [k: string]: unknown } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}
