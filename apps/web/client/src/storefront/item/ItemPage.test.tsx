import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { envelope, renderShop, stubApi } from '../testing';

const item = (item_id: string, title: string, extra: object = {}) => ({
  item_id,
  title,
  description: `${title}, a game`,
  category: 'games',
  tags: ['family'],
  price: 19.99,
  currency: 'EUR',
  stock: 7,
  owner_id: 'o',
  created_at: '2026-11-24T00:00:00.000Z',
  updated_at: '2026-11-24T00:00:00.000Z',
  ...extra,
});

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('ItemPage', () => {
  it("shows the item, the supplier's stock, adds a quantity to the cart, and more like this", async () => {
    const seen = stubApi({
      'GET /api/items/a': {
        body: item('a', 'Starfall Quest', {
          supplier: { product_id: 'p1', synced_at: '2026-11-24T00:00:00.000Z' },
        }),
      },
      'GET /api/items/a/stock': { body: { available: true, stock: 40 } },
      'GET /api/v1/items/a/similar': {
        body: { item_id: 'a', model_version: 'v1', items: [{ item_id: 's1', score: 0.7 }] },
      },
      'GET /api/items/s1': { body: item('s1', 'Moon Garden') },
      'POST /api/cart/items': { body: {} },
    });
    const user = userEvent.setup();
    renderShop('/shop/t1/items/a');
    expect(await screen.findByRole('heading', { level: 1, name: 'Starfall Quest' })).toBeInTheDocument();
    expect(await screen.findByText('At the supplier: 40 available')).toBeInTheDocument();
    const similar = await screen.findByRole('region', { name: 'More like this' });
    expect(within(similar).getByRole('link', { name: 'Moon Garden' })).toBeInTheDocument();
    expect(seen.find((s) => s.path === '/api/v1/items/a/similar')?.query).toEqual({ count: '6' });

    const qty = screen.getByLabelText('Quantity');
    await user.clear(qty);
    await user.type(qty, '3');
    await user.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByText('Added 3 × Starfall Quest to your cart.')).toBeInTheDocument();
    expect(seen.find((s) => s.path === '/api/cart/items')?.body).toEqual({ item_id: 'a', quantity: 3 });
  });

  it('hides "More like this" when ml-engine has none, and says when the item is not there', async () => {
    stubApi({
      'GET /api/items/a': { body: item('a', 'Starfall Quest') },
      'GET /api/v1/items/a/similar': { status: 404, body: envelope('NOT_FOUND', 'No trained model') },
      'GET /api/items/zz': { status: 404, body: envelope('NOT_FOUND', 'No such item in this shop') },
    });
    const view = renderShop('/shop/t1/items/a');
    await screen.findByRole('heading', { level: 1, name: 'Starfall Quest' });
    expect(screen.queryByRole('region', { name: 'More like this' })).not.toBeInTheDocument();
    expect(screen.queryByText(/At the supplier/)).not.toBeInTheDocument();
    view.unmount();
    renderShop('/shop/t1/items/zz');
    expect(await screen.findByRole('alert')).toHaveTextContent('No such item in this shop');
  });
});
