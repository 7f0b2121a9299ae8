import { ApiError } from './errors';

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
}

/** Who is calling: the signed-in user's access token, the shop (X-Tenant-Id) and the guest visit (X-Session-Id). */
export interface Caller {
  token?: string;
  tenantId?: string;
  sessionId?: string;
}

/**
 * One call to the platform through this origin (the web server routes `/api/…` to the services): JSON
 * in and out, the caller's headers, and every failure as an ApiError with the service's envelope.
 */
export async function call<T>(path: string, caller: Caller, opts: CallOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(opts.query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (caller.token) headers.Authorization = `Bearer ${caller.token}`;
  if (caller.tenantId) headers['X-Tenant-Id'] = caller.tenantId;
  if (caller.sessionId) headers['X-Session-Id'] = caller.sessionId;
  let res: Response;
  try {
    res = await fetch(url, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      if (res.ok)
        throw new ApiError(res.status, 'BAD_RESPONSE', 'The server sent an answer this page cannot read.');
    }
  }
  if (!res.ok) throw ApiError.fromEnvelope(res.status, body);
  return body as T;
}
