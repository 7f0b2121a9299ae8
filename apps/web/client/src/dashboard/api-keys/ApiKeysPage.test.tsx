import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../api/session';
import { ApiKeysPage } from './ApiKeysPage';

const FULL_KEY = 'sk_live_abcdefghijklmnopqrstuvwxyz012345';

/** The browser boundary: an admin's session, and user-service's key routes keeping one list in memory. */
function stubServer() {
  const keys: Record<string, unknown>[] = [];
  const requests: { method: string; path: string; body?: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL | string, init?: RequestInit) => {
      const path = new URL(String(url)).pathname;
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      requests.push({ method, path, body });
      if (path === '/web-api/session/refresh')
        return Response.json({
          access_token: 'token',
          expires_in: 900,
          user: { id: 'u1', email: 'admin@example.com', tenant_id: 't1', role: 'admin' },
        });
      if (path === '/api/v1/api-keys' && method === 'GET') return Response.json({ keys });
      if (path === '/api/v1/api-keys' && method === 'POST') {
        const stored = {
          id: '7d3c9a70-7a43-4a39-9b53-2f0e8b7c6a11',
          name: body.name,
          key_prefix: FULL_KEY.slice(0, 12),
          permissions: body.permissions,
          created_at: '2026-01-01T10:00:00.000Z',
        };
        keys.push({ ...stored, last_used_at: null, status: 'active' });
        return Response.json({ ...stored, key: FULL_KEY }, { status: 201 });
      }
      return new Response(
        JSON.stringify({
          error: { code: 'NOT_FOUND', message: 'no route', request_id: 'r', timestamp: 't' },
        }),
        { status: 404 },
      );
    }),
  );
  return requests;
}

afterEach(() => vi.unstubAllGlobals());

describe('ApiKeysPage', () => {
  it('shows a new key once, copies it, and lists only its prefix afterwards', async () => {
    const user = userEvent.setup();
    const requests = stubServer();
    render(
      <SessionProvider>
        <MemoryRouter>
          <ApiKeysPage />
        </MemoryRouter>
      </SessionProvider>,
    );
    expect(await screen.findByText('No keys yet.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Key name'), 'Backend');
    await user.click(screen.getByLabelText(/^Write/));
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const secret = await screen.findByTestId('new-api-key');
    expect(secret).toHaveTextContent(FULL_KEY);
    expect(secret).toHaveClass('secret');
    expect(screen.getByText(/it will not be shown again/)).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST' && r.path === '/api/v1/api-keys')?.body).toEqual({
      name: 'Backend',
      permissions: ['read', 'write'],
      environment: 'live',
    });

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(FULL_KEY);
    expect(await screen.findByText('Copied to the clipboard.')).toBeInTheDocument();

    const table = await screen.findByRole('table');
    expect(within(table).getByText('Backend')).toBeInTheDocument();
    expect(within(table).getByText(`${FULL_KEY.slice(0, 12)}…`)).toBeInTheDocument();
    expect(table).not.toHaveTextContent(FULL_KEY);

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(document.body).not.toHaveTextContent(FULL_KEY);
    expect(screen.getByRole('button', { name: 'Create key' })).toBeInTheDocument();
  });

  it('asks for a permission before a key can be created', async () => {
    const user = userEvent.setup();
    stubServer();
    render(
      <SessionProvider>
        <MemoryRouter>
          <ApiKeysPage />
        </MemoryRouter>
      </SessionProvider>,
    );
    await screen.findByText('No keys yet.');
    await user.click(screen.getByLabelText(/^Read/));
    expect(screen.getByRole('button', { name: 'Create key' })).toBeDisabled();
    expect(screen.getByText('Choose at least one permission.')).toBeInTheDocument();
  });
});
