import type { CartResponse, OrderResponse } from '@platform/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { money } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useAction, useLoad } from '../../ui/useLoad';
import { useShop } from '../shop';
import { PayForm } from './PayForm';

/** Checkout: the cart's summary and a promo code, "Place order" (POST /api/orders from the cart), then pay. */
export function CheckoutPage() {
  const { buyer, shopPath } = useShop();
  const orderId = useSearchParams()[0].get('order');
  if (!buyer)
    return (
      <section>
        <h1>Checkout</h1>
        <p>
          <Link to={`${shopPath('login')}?next=checkout`}>Sign in</Link> or{' '}
          <Link to={shopPath('signup')}>sign up</Link> to check out; your cart comes with you.
        </p>
      </section>
    );
  return (
    <section>
      <h1>Checkout</h1>
      {orderId ? <PayOrder orderId={orderId} /> : <PlaceOrder />}
    </section>
  );
}

function PlaceOrder() {
  const { shopApi, shopPath, refreshCart } = useShop();
  const [, setParams] = useSearchParams();
  const [promo, setPromo] = useState('');
  // one key per attempt: a retry after a lost answer replays the same order instead of a second one
  const key = useRef(crypto.randomUUID());
  const cart = useLoad(() => shopApi<CartResponse>('/api/cart'), [shopApi]);
  const place = useAction(async () => {
    const code = promo.trim().toUpperCase();
    try {
      const order = await shopApi<OrderResponse>('/api/orders', {
        body: { fromCart: true, ...(code ? { promoCode: code } : {}) },
        headers: { 'Idempotency-Key': key.current },
      });
      refreshCart();
      setParams({ order: order.id });
    } catch (err) {
      key.current = crypto.randomUUID();
      throw err;
    }
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void place.run();
  };
  if (cart.error) return <ErrorMessage error={cart.error} />;
  if (!cart.data) return <Loading what="Loading your cart" />;
  const c = cart.data;
  if (!c.lines.length)
    return (
      <p>
        Your cart is empty. <Link to={shopPath()}>Continue shopping</Link>.
      </p>
    );
  return (
    <form onSubmit={submit} className="card" aria-label="Order summary">
      <h2>Summary</h2>
      <ul>
        {c.lines.map((l) => (
          <li key={l.item_id}>
            {l.quantity} × {l.title}: {money(l.line_total, l.currency)}
          </li>
        ))}
      </ul>
      <p>
        Subtotal: <strong>{money(c.subtotal, c.currency ?? 'EUR')}</strong>
      </p>
      <Field
        label="Promo code (optional)"
        name="promo"
        value={promo}
        onChange={(e) => setPromo(e.target.value)}
      />
      <ErrorMessage error={place.error} />
      <button type="submit" disabled={place.busy}>
        {place.busy ? 'Placing the order…' : 'Place order'}
      </button>
    </form>
  );
}

function PayOrder({ orderId }: { orderId: string }) {
  const { shopApi, shopPath } = useShop();
  const order = useLoad(
    () => shopApi<OrderResponse>(`/api/orders/${encodeURIComponent(orderId)}`),
    [shopApi, orderId],
  );
  if (order.error) return <ErrorMessage error={order.error} />;
  if (!order.data) return <Loading what="Loading your order" />;
  const o = order.data;
  return (
    <>
      <div className="card">
        <p role="status">Order placed: it waits for your payment.</p>
        <ul>
          {o.items.map((i) => (
            <li key={i.productId}>
              {i.quantity} × {i.name ?? i.productId}: {money(i.lineTotal, o.currency)}
            </li>
          ))}
        </ul>
        <p>
          Subtotal {money(o.subtotal, o.currency)}
          {o.discount > 0 &&
            ` · Discount${o.promoCode ? ` (${o.promoCode})` : ''}: −${money(o.discount, o.currency)}`}{' '}
          · Total <strong>{money(o.totalAmount, o.currency)}</strong>
        </p>
      </div>
      {o.status === 'pending' ? (
        <PayForm order={o} />
      ) : (
        <p>
          This order is {o.status}. <Link to={shopPath(`orders/${o.id}`)}>See the order</Link>.
        </p>
      )}
    </>
  );
}
