import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { buyerGrant, envelope, renderShop, stubApi, type Seen } from '../testing';

const ORDER_ID = '22222222-2222-4222-8222-222222222222';
const USER_ID = buyerGrant().user.id;
const cart = {
  lines: [
    {
      item_id: 'a',
      title: 'Mug',
      quantity: 2,
      unit_price: 10,
      line_total: 20,
      currency: 'EUR',
      available_stock: 5,
    },
  ],
  item_count: 2,
  subtotal: 20,
  currency: 'EUR',
  updated_at: null,
};
const order = (status: string) => ({
  id: ORDER_ID,
  userId: USER_ID,
  items: [{ productId: 'a', name: 'Mug', quantity: 2, price: 10, lineTotal: 20 }],
  status,
  subtotal: 20,
  discount: 2,
  totalAmount: 18,
  currency: 'EUR',
  promoCode: 'SAVE10',
  createdAt: '2026-11-24T00:00:00.000Z',
  updatedAt: '2026-11-24T00:00:00.000Z',
});

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('CheckoutPage', () => {
  it('places the order from the cart with the promo code, pays by card, and shows the order', async () => {
    let status = 'pending';
    const seen = stubApi({
      'POST /web-api/session/refresh': { body: buyerGrant() },
      'GET /api/cart': { body: cart },
      'POST /api/orders': { status: 201, body: order('pending') },
      [`GET /api/orders/${ORDER_ID}`]: () => ({ body: order(status) }),
      'GET /api/wallet': { body: { userId: USER_ID, currency: 'EUR', balance: 50, transactions: [] } },
      'POST /api/payments': (s: Seen) => {
        status = 'confirmed';
        return { status: 201, body: { id: 'pay_1', status: 'processing', ...(s.body as object) } };
      },
    });
    const user = userEvent.setup();
    renderShop('/shop/t1/checkout');
    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout' })).toBeInTheDocument();
    await user.type(await screen.findByLabelText('Promo code (optional)'), 'save10');
    await user.click(screen.getByRole('button', { name: 'Place order' }));

    const placed = seen.find((s) => s.method === 'POST' && s.path === '/api/orders')!;
    expect(placed.body).toEqual({ fromCart: true, promoCode: 'SAVE10' });
    expect(placed.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(placed.headers.Authorization).toBe('Bearer token-1');

    expect(await screen.findByText(/4242 4242 4242 4242 is approved/)).toBeInTheDocument();
    const number = screen.getByLabelText('Card number');
    await user.type(number, '4242 4242 4242 4242');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/39');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Pay €18.00' }));

    expect(await screen.findByRole('heading', { level: 1, name: /^Order 22222222/ })).toBeInTheDocument();
    const paid = seen.find((s) => s.path === '/api/payments')!;
    expect(paid.body).toEqual({
      orderId: ORDER_ID,
      amount: 18,
      currency: 'EUR',
      paymentMethod: {
        type: 'credit_card',
        cardNumber: '4242424242424242',
        expiryMonth: '12',
        expiryYear: '2039',
        cvv: '123',
      },
    });
    expect(paid.headers['Idempotency-Key']).toBeTruthy();
    expect(await screen.findByText('Confirmed')).toBeInTheDocument();
  });

  it('pays from the wallet with its balance shown', async () => {
    const seen = stubApi({
      'POST /web-api/session/refresh': { body: buyerGrant() },
      [`GET /api/orders/${ORDER_ID}`]: { body: order('pending') },
      'GET /api/wallet': { body: { userId: USER_ID, currency: 'EUR', balance: 50, transactions: [] } },
      'POST /api/payments': { status: 201, body: { id: 'pay_1', status: 'completed' } },
    });
    const user = userEvent.setup();
    renderShop(`/shop/t1/checkout?order=${ORDER_ID}`);
    await user.click(await screen.findByLabelText('Wallet'));
    expect(await screen.findByText('Wallet balance: €50.00')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Pay €18.00' }));
    await screen.findByRole('heading', { level: 1, name: /^Order/ });
    expect(seen.find((s) => s.path === '/api/payments')?.body).toMatchObject({
      paymentMethod: { type: 'wallet' },
    });
  });

  it('shows an unknown promo code as a sentence and a bad card field without calling', async () => {
    const seen = stubApi({
      'POST /web-api/session/refresh': { body: buyerGrant() },
      'GET /api/cart': { body: cart },
      'POST /api/orders': {
        status: 400,
        body: envelope('PROMO_CODE_INVALID', 'The promo code NOPE is not valid'),
      },
      [`GET /api/orders/${ORDER_ID}`]: { body: order('pending') },
    });
    const user = userEvent.setup();
    const view = renderShop('/shop/t1/checkout');
    await user.type(await screen.findByLabelText('Promo code (optional)'), 'NOPE');
    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The promo code NOPE is not valid');
    view.unmount();

    renderShop(`/shop/t1/checkout?order=${ORDER_ID}`);
    await user.type(await screen.findByLabelText('Card number'), '4242');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/39');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Pay €18.00' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter the card number (12 to 19 digits).');
    expect(seen.some((s) => s.path === '/api/payments')).toBe(false);
  });

  it("shows a failed order's decline reason from its payment", async () => {
    stubApi({
      'POST /web-api/session/refresh': { body: buyerGrant() },
      [`GET /api/orders/${ORDER_ID}`]: { body: order('failed') },
      [`GET /api/payments/user/${USER_ID}`]: {
        body: {
          payments: [
            {
              id: 'pay_1',
              orderId: ORDER_ID,
              status: 'failed',
              errorCode: 'INSUFFICIENT_FUNDS',
              failureReason:
                'Your card was declined for insufficient funds. Use another card or pay from your wallet.',
              paymentMethod: { type: 'credit_card', last4: '9995' },
            },
          ],
          total: 1,
          limit: 20,
          offset: 0,
        },
      },
    });
    renderShop(`/shop/t1/orders/${ORDER_ID}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your card was declined: insufficient funds. Use another card or pay from your wallet.',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Failed');
    expect(screen.queryByRole('button', { name: 'Cancel order' })).not.toBeInTheDocument();
  });
});
