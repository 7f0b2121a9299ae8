import { render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { envelope, stubApi } from '../storefront/testing';
import { VerifyEmail } from './VerifyEmail';

const userId = '11111111-1111-4111-8111-111111111111';
const token = 'secret-token-abc';
const verified = {
  id: userId,
  email: 'buyer@example.com',
  username: 'buyer',
  first_name: null,
  last_name: null,
  phone: null,
  is_active: true,
  is_verified: true,
  created_at: '2026-01-01T00:00:00.000Z',
  tenant_id: '22222222-2222-4222-8222-222222222222',
  role: 'viewer',
  profile: {},
};

/** The page as the app mounts it, at the address the e-mail links to (StrictMode runs effects twice). */
function open(address: string) {
  window.history.replaceState(null, '', address);
  return render(
    <StrictMode>
      <BrowserRouter>
        <Routes>
          <Route path="/verify-email" element={<VerifyEmail />} />
        </Routes>
      </BrowserRouter>
    </StrictMode>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the verification link', () => {
  it('verifies once, says so, offers to sign in, and takes the token out of the address bar', async () => {
    const seen = stubApi({ [`POST /api/users/${userId}/verify`]: { body: verified } });
    const { container } = open(`/verify-email?user_id=${userId}&token=${token}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Your e-mail address is verified' }),
    ).toBeInTheDocument();
    const calls = seen.filter((s) => s.path === `/api/users/${userId}/verify`);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', body: { verification_token: token } });
    expect(calls[0].headers.Authorization).toBeUndefined();
    expect(screen.getByRole('link', { name: 'Sign in to the shop' })).toHaveAttribute(
      'href',
      `/shop/${verified.tenant_id}/login`,
    );
    expect(window.location.pathname).toBe('/verify-email');
    expect(window.location.search).toBe('');
    expect(container.textContent).not.toContain(token);
  });

  it('sends an admin to the dashboard to sign in', async () => {
    stubApi({ [`POST /api/users/${userId}/verify`]: { body: { ...verified, role: 'admin' } } });
    open(`/verify-email?user_id=${userId}&token=${token}`);
    expect(await screen.findByRole('link', { name: 'Sign in to your dashboard' })).toHaveAttribute(
      'href',
      '/dashboard/login',
    );
  });

  it('tells an expired, used or wrong token as a sentence, without the token', async () => {
    const seen = stubApi({
      [`POST /api/users/${userId}/verify`]: {
        status: 400,
        body: envelope('USER_003', 'Invalid verification token'),
      },
    });
    const { container } = open(`/verify-email?user_id=${userId}&token=${token}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Your e-mail address could not be verified' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid verification token');
    expect(screen.getByText(/may have expired, or been used already/)).toBeInTheDocument();
    expect(seen.filter((s) => s.path.endsWith('/verify'))).toHaveLength(1);
    expect(window.location.search).toBe('');
    expect(container.textContent).not.toContain(token);
  });

  it.each([
    ['no token', `/verify-email?user_id=${userId}`],
    ['no user id', `/verify-email?token=${token}`],
    ['nothing', '/verify-email'],
  ])('asks for the whole link when it has %s, and calls nothing', async (_what, address) => {
    const seen = stubApi({});
    const { container } = open(address);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'This verification link is incomplete' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('needs both a user id and a token');
    expect(seen).toHaveLength(0);
    expect(window.location.search).toBe('');
    expect(container.textContent).not.toContain(token);
  });
});
