import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { buyerGrant, envelope, renderShop, stubApi } from '../testing';

const cart = {
  lines: [
    {
      item_id: 'a',
      title: 'Mug',
      quantity: 1,
      unit_price: 5,
      line_total: 5,
      currency: 'EUR',
      available_stock: 3,
    },
  ],
  item_count: 1,
  subtotal: 5,
  currency: 'EUR',
  updated_at: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('sign up and sign in in a shop', () => {
  it('joins this shop, moves the guest visit to the account, forgets it, and shows the cart', async () => {
    const seen = stubApi({
      'GET /api/cart': { body: cart },
      'POST /web-api/session/register': { status: 201, body: buyerGrant('t1') },
      'POST /api/cart/migrate': {
        body: {
          session_id: 'x',
          cart: { merged: [], added: [{ item_id: 'a', quantity: 1 }], skipped: [] },
          wishlist: null,
        },
      },
    });
    const user = userEvent.setup();
    renderShop('/shop/t1/signup');
    await screen.findByRole('heading', { level: 1, name: 'Sign up' });
    const guest = localStorage.getItem('shop.guest-session');
    await user.type(screen.getByLabelText('Email'), 'buyer@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'long-enough-pw');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(await screen.findByText('Your cart moved to your account.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Your cart' })).toBeInTheDocument();
    expect(seen.find((s) => s.path === '/web-api/session/register')?.body).toEqual({
      email: 'buyer@example.com',
      password: 'long-enough-pw',
      tenant_id: 't1',
    });
    const migrate = seen.find((s) => s.path === '/api/cart/migrate')!;
    expect(migrate.body).toEqual({ session_id: guest });
    expect(migrate.headers.Authorization).toBe('Bearer token-1');
    expect(localStorage.getItem('shop.guest-session')).not.toBe(guest);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('takes a migration the login already did (404) as done', async () => {
    stubApi({
      'GET /api/cart': { body: cart },
      'POST /web-api/session/login': { body: buyerGrant('t1') },
      'POST /api/cart/migrate': { status: 404, body: envelope('NOT_FOUND', 'The session has no cart') },
    });
    const user = userEvent.setup();
    renderShop('/shop/t1/login');
    await user.type(await screen.findByLabelText('Email'), 'buyer@example.com');
    await user.type(screen.getByLabelText('Password'), 'long-enough-pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your cart' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('tells a user of another shop, and offers to sign out', async () => {
    stubApi({
      'GET /api/cart': { body: cart },
      'POST /web-api/session/login': { body: buyerGrant('other') },
      'POST /web-api/session/logout': { status: 204 },
    });
    const user = userEvent.setup();
    renderShop('/shop/t1/login');
    await user.type(await screen.findByLabelText('Email'), 'admin@other.example');
    await user.type(screen.getByLabelText('Password'), 'long-enough-pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You are signed in to another shop' }),
    ).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Sign out' })[1]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });
});
