import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { buyerGrant, envelope, renderShop, stubApi } from '../testing';

const item = (item_id: string, title: string, stock = 5) => ({
  item_id,
  title,
  description: '',
  category: 'games',
  tags: [],
  price: 12.5,
  currency: 'EUR',
  stock,
  owner_id: 'o',
  created_at: '2026-11-24T00:00:00.000Z',
  updated_at: '2026-11-24T00:00:00.000Z',
});
const page = (items: ReturnType<typeof item>[]) => ({ items, limit: 12, offset: 0 });

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('Catalog', () => {
  it('lists the items with price and stock, searches with q, and adds to the cart', async () => {
    const seen = stubApi({
      'GET /api/items': (s) =>
        !s.query.q
          ? { body: page([item('a', 'Starfall Quest'), item('b', 'River Atlas', 0)]) }
          : { body: page([]) },
      'POST /api/cart/items': { body: {} },
    });
    const user = userEvent.setup();
    renderShop('/shop/t1');
    const card = await screen.findByRole('article', { name: 'Starfall Quest' });
    expect(within(card).getByText('€12.50')).toBeInTheDocument();
    expect(within(card).getByText('In stock')).toBeInTheDocument();
    const soldOut = screen.getByRole('article', { name: 'River Atlas' });
    expect(within(soldOut).getByRole('button', { name: 'Add to cart' })).toBeDisabled();

    await user.click(within(card).getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByText('Added 1 × Starfall Quest to your cart.')).toBeInTheDocument();
    expect(seen.find((s) => s.path === '/api/cart/items')?.body).toEqual({ item_id: 'a', quantity: 1 });

    await user.type(screen.getByLabelText('Search'), 'river');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('No items match your search.')).toBeInTheDocument();
    expect(seen.at(-1)?.query).toEqual({ q: 'river', limit: '12', offset: '0' });
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
  });

  it('shows "Recommended for you" to a buyer, with the titles fetched by id', async () => {
    const seen = stubApi({
      'POST /web-api/session/refresh': { body: buyerGrant() },
      'GET /api/items': { body: page([item('a', 'Starfall Quest')]) },
      'POST /api/v1/recommendations': {
        body: {
          recommendations: [
            { item_id: 'r1', score: 0.9 },
            { item_id: 'gone', score: 0.8 },
          ],
          metadata: { model_version: 'v1.0.0', latency_ms: 1, cache_hit: false },
        },
      },
      'GET /api/items/r1': { body: item('r1', 'Moon Garden') },
    });
    renderShop('/shop/t1');
    const row = await screen.findByRole('region', { name: 'Recommended for you' });
    expect(within(row).getByRole('link', { name: 'Moon Garden' })).toHaveAttribute(
      'href',
      '/shop/t1/items/r1',
    );
    expect(within(row).getAllByRole('listitem')).toHaveLength(1);
    expect(seen.find((s) => s.path === '/api/v1/recommendations')?.body).toEqual({
      user_id: buyerGrant().user.id,
      count: 8,
    });
  });

  it('leaves the recommendations out, and the catalog whole, when ml-engine fails', async () => {
    stubApi({
      'POST /web-api/session/refresh': { body: buyerGrant() },
      'GET /api/items': { body: page([item('a', 'Starfall Quest')]) },
      'POST /api/v1/recommendations': { status: 503, body: envelope('SERVICE_UNAVAILABLE', 'down') },
    });
    renderShop('/shop/t1');
    expect(await screen.findByRole('article', { name: 'Starfall Quest' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Recommended for you' })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
