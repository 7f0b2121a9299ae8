import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SessionProvider, type Role } from '../api/session';
import { DashboardRoutes } from './DashboardRoutes';
import { RequireRole } from './RequireRole';

/** The browser boundary: the web server's session refresh answers as `role`; every other call is recorded. */
function stubServer(role: Role | null) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL | string) => {
      const path = new URL(String(url)).pathname;
      calls.push(path);
      if (path === '/web-api/session/refresh') {
        if (!role)
          return new Response(
            JSON.stringify({
              error: {
                code: 'AUTHENTICATION_FAILED',
                message: 'no session',
                request_id: 'r',
                timestamp: 't',
              },
            }),
            { status: 401 },
          );
        return Response.json({
          access_token: 'token',
          expires_in: 900,
          user: { id: 'u1', email: 'dev@example.com', tenant_id: 't1', role },
        });
      }
      return Response.json({});
    }),
  );
  return calls;
}

function Secret() {
  return <h1>Secret page</h1>;
}

function renderGuarded(allow: Role[]) {
  render(
    <SessionProvider>
      <MemoryRouter>
        <RequireRole allow={allow}>
          <Secret />
        </RequireRole>
      </MemoryRouter>
    </SessionProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('RequireRole', () => {
  it('shows the page to an allowed role', async () => {
    stubServer('admin');
    renderGuarded(['admin']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Secret page' })).toBeInTheDocument();
  });

  it('shows "Not allowed" to a viewer and never renders the page', async () => {
    const calls = stubServer('viewer');
    renderGuarded(['admin', 'developer']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByText(/Your role \(viewer\) cannot open this page/)).toBeInTheDocument();
    expect(screen.queryByText('Secret page')).not.toBeInTheDocument();
    expect(calls).toEqual(['/web-api/session/refresh']);
  });

  it('does not render the page for a developer on an admin page', async () => {
    stubServer('developer');
    renderGuarded(['admin']);
    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.queryByText('Secret page')).not.toBeInTheDocument();
  });

  it('asks someone signed out to sign in', async () => {
    stubServer(null);
    renderGuarded(['admin']);
    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByText('Sign in to open this page.')).toBeInTheDocument();
  });
});

describe('the dashboard routes', () => {
  it("send a viewer to 'Not allowed' on the users page without calling the users API", async () => {
    const calls = stubServer('viewer');
    render(
      <SessionProvider>
        <MemoryRouter initialEntries={['/dashboard/users']}>
          <Routes>
            <Route path="/dashboard/*" element={<DashboardRoutes />} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Dashboard' })).toHaveTextContent('Your shop');
    expect(screen.queryByRole('link', { name: 'Users and roles' })).not.toBeInTheDocument();
    expect(calls).not.toContain('/api/users');
  });
});
