import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SessionProvider } from '../api/session';
import { StorefrontRoutes } from './StorefrontRoutes';

export interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}
type Answer = { status?: number; body?: unknown } | ((seen: Seen) => { status?: number; body?: unknown });

/**
 * Stubs the browser's fetch (the page's boundary) with answers by "METHOD /path" and records each call.
 * An unlisted call answers 404 NOT_FOUND; /web-api/session/refresh answers 401 unless given (a guest).
 */
export function stubApi(answers: Record<string, Answer>): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (input: URL | string, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const s: Seen = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: (init.headers ?? {}) as Record<string, string>,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    seen.push(s);
    const a =
      answers[`${s.method} ${s.path}`] ??
      (s.path === '/web-api/session/refresh'
        ? { status: 401, body: envelope('AUTHENTICATION_FAILED', 'No session') }
        : { status: 404, body: envelope('NOT_FOUND', 'Not found') });
    const { status = 200, body } = typeof a === 'function' ? a(s) : a;
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  });
  return seen;
}

export const envelope = (code: string, message: string) => ({
  error: { code, message, request_id: 'r1', timestamp: '2026-01-01T00:00:00.000Z' },
});

export const buyerGrant = (tenantId = 't1') => ({
  access_token: 'token-1',
  expires_in: 900,
  user: {
    id: '11111111-1111-4111-8111-111111111111',
    email: 'buyer@example.com',
    tenant_id: tenantId,
    role: 'viewer',
  },
});

/** The storefront at `path` (e.g. /shop/t1/cart), as the app mounts it. */
export function renderShop(path: string) {
  return render(
    <SessionProvider>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/shop/:tenantId/*" element={<StorefrontRoutes />} />
        </Routes>
      </MemoryRouter>
    </SessionProvider>,
  );
}
