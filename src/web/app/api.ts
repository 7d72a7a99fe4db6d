import { locale } from './i18n/index.ts';

export interface FieldError {
  path: string;
  message: string;
}

/** An application/problem+json answer, as thrown by `api`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[],
  ) {
    super(detail || title);
  }
}

function toProblem(status: number, body: unknown): ApiProblem {
  const b = (body ?? {}) as { code?: string; title?: string; detail?: string; errors?: FieldError[] };
  return new ApiProblem(status, b.code ?? `http_${status}`, b.title ?? `HTTP ${status}`, b.detail ?? '', Array.isArray(b.errors) ? b.errors : []);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) throw toProblem(res.status, json);
  return json as T;
}

/** Raw upload with progress: fetch() cannot report upload progress, XMLHttpRequest can. */
export function upload<T>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', locale());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(json as T);
      } else reject(toProblem(xhr.status, json));
    };
    xhr.onerror = () => reject(new ApiProblem(0, 'network', 'Network error', '', []));
    xhr.send(file);
  });
}

/** An API path under one case: `/api/v1/cases/{id}/{rest}`. */
export const casePath = (caseId: string, rest: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/${rest}`;
