/**
 * Test support: a `fetch` stand-in for page component tests (the browser's boundary), answering by
 * "METHOD /path" with a JSON body and a status; the session's refresh answers as a signed-in admin. Every
 * call is recorded. Only tests import this.
 */
export type Answer =
  | { status?: number; body?: unknown }
  | ((req: { url: URL; body: unknown }) => { status?: number; body?: unknown });

export function stubFetch(routes: Record<string, Answer | Answer[]>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const queues = new Map(Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  const all: Record<string, Answer[]> = {
    'POST /web-api/session/refresh': [
      {
        body: {
          access_token: 'token-1',
          expires_in: 900,
          user: {
            id: 'u1',
            email: 'admin@shop.test',
            tenant_id: '00000000-0000-4000-8000-0000000000aa',
            role: 'admin',
          },
        },
      },
    ],
  };
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: url.pathname + url.search, body });
    const key = `${method} ${url.pathname}`;
    const queue = queues.get(key) ?? all[key];
    if (!queue?.length)
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: `no stub for ${key}` } }), {
        status: 404,
      });
    // the last answer repeats; earlier ones are used once each
    const next = queue.length > 1 ? queue.shift()! : queue[0];
    const res = typeof next === 'function' ? next({ url, body }) : next;
    return new Response(res.body === undefined ? null : JSON.stringify(res.body), {
      status: res.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return {
    fetch,
    calls,
    count: (method: string, path: string) =>
      calls.filter((c) => c.method === method && c.path.split('?')[0] === path).length,
  };
}

export const envelope = (code: string, message: string, details?: Record<string, unknown>) => ({
  error: { code, message, details, request_id: 'r1', timestamp: '2026-01-01T00:00:00.000Z' },
});
