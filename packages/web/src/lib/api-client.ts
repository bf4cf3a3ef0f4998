import { isProblemCode, type Problem, type ProblemCode } from '@anagen/core/contracts';

/** An API failure the UI can branch on by `code` (never by message text). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
  }
  /** The catalogue's code; undefined when there is none or it is a framework's own (`FST_…`). */
  get code(): ProblemCode | undefined {
    const code = this.problem.code;
    return isProblemCode(code) ? code : undefined;
  }
  /**
   * Field errors keyed by the form's field name (`email`, `patient.email`, `from`), for messages
   * shown at the field. The server's `field` is used; older answers give only a `path`.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = e.field ?? e.path.replace(/^(body|querystring|params)\./, '');
      out[key] ??= e.message;
    }
    return out;
  }
}

async function request<T>(method: string, url: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // The caller's options come first so our JSON headers and body always win over them.
  const res = await fetch(url, {
    credentials: 'same-origin',
    ...init,
    method,
    headers: { ...(init.headers as Record<string, string> | undefined), ...headers },
    body: payload,
  });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const problem: Problem =
      typeof data === 'object' && data && 'title' in data
        ? (data as Problem)
        : { status: res.status, title: 'Request failed', detail: String(data).slice(0, 200) };
    throw new ApiError(res.status, problem);
  }
  return data as T;
}

export const api = {
  get: <T>(url: string, init?: RequestInit) => request<T>('GET', url, undefined, init),
  post: <T>(url: string, body?: unknown, init?: RequestInit) => request<T>('POST', url, body, init),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, body),
  delete: <T>(url: string, body?: unknown) => request<T>('DELETE', url, body),
};
