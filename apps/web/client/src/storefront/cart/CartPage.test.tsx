import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderShop, stubApi, type Seen } from '../testing';

const line = (item_id: string, title: string, quantity: number, unit_price: number) => ({
  item_id,
  title,
  quantity,
  unit_price,
  line_total: unit_price * quantity,
  currency: 'EUR',
  available_stock: 5,
});
const cartOf = (lines: ReturnType<typeof line>[]) => ({
  lines,
  item_count: lines.reduce((n, l) => n + l.quantity, 0),
  subtotal: lines.reduce((n, l) => n + l.line_total, 0),
  currency: lines.length ? 'EUR' : null,
  updated_at: null,
});

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('CartPage', () => {
  it("shows a guest's lines and total, with the shop and visit headers", async () => {
    const seen = stubApi({
      'GET /api/cart': { body: cartOf([line('a', 'Mug', 2, 7.5), line('b', 'Tea', 1, 3)]) },
    });
    renderShop('/shop/t1/cart');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your cart' })).toBeInTheDocument();
    const mug = await screen.findByRole('row', { name: /Mug/ });
    expect(within(mug).getByText('€15.00')).toBeInTheDocument();
    expect(screen.getByText('€18.00')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Cart (3)' })).toBeInTheDocument();
    const call = seen.find((s) => s.path === '/api/cart')!;
    expect(call.headers['X-Tenant-Id']).toBe('t1');
    expect(call.headers['X-Session-Id']).toMatch(/^guest-/);
  });

  it('changes a quantity and removes a line', async () => {
    let lines = [line('a', 'Mug', 2, 7.5), line('b', 'Tea', 1, 3)];
    const seen = stubApi({
      'GET /api/cart': () => ({ body: cartOf(lines) }),
      'PUT /api/cart/items/a': (s: Seen) => {
        lines = [line('a', 'Mug', (s.body as { quantity: number }).quantity, 7.5), lines[1]];
        return { body: cartOf(lines) };
      },
      'DELETE /api/cart/items/b': () => {
        lines = lines.filter((l) => l.item_id !== 'b');
        return { body: cartOf(lines) };
      },
    });
    const user = userEvent.setup();
    renderShop('/shop/t1/cart');
    const qty = within(await screen.findByRole('row', { name: /Mug/ })).getByLabelText('Quantity');
    await user.clear(qty);
    await user.type(qty, '4');
    await user.click(
      within(screen.getByRole('row', { name: /Mug/ })).getByRole('button', { name: 'Update' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('Mug: quantity 4.');
    expect(seen.find((s) => s.method === 'PUT')?.body).toEqual({ quantity: 4 });
    expect(await screen.findByText('€33.00')).toBeInTheDocument();

    await user.click(
      within(screen.getByRole('row', { name: /Tea/ })).getByRole('button', { name: 'Remove' }),
    );
    expect(await screen.findByText('Removed Tea.')).toBeInTheDocument();
    expect(screen.queryByRole('row', { name: /Tea/ })).not.toBeInTheDocument();
  });

  it('refuses a quantity above the stock without calling, and shows a service error as a sentence', async () => {
    const seen = stubApi({
      'GET /api/cart': { body: cartOf([line('a', 'Mug', 1, 7.5)]) },
    });
    const user = userEvent.setup();
    renderShop('/shop/t1/cart');
    const qty = within(await screen.findByRole('row', { name: /Mug/ })).getByLabelText('Quantity');
    await user.clear(qty);
    await user.type(qty, '9');
    await user.click(screen.getByRole('button', { name: 'Update' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Mug: Only 5 in stock.');
    expect(seen.some((s) => s.method === 'PUT')).toBe(false);
  });

  it('sends a guest to sign in before checkout', async () => {
    stubApi({ 'GET /api/cart': { body: cartOf([line('a', 'Mug', 1, 7.5)]) } });
    const user = userEvent.setup();
    renderShop('/shop/t1/cart');
    await user.click(await screen.findByRole('button', { name: 'Checkout' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText(/Sign in to check out/)).toBeInTheDocument();
  });
});
