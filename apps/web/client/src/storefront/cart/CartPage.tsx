import type { CartResponse } from '@platform/contracts';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { money } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useAction, useLoad } from '../../ui/useLoad';
import { useShop } from '../shop';
import { unitsText } from './cart';
import { CartLineRow } from './CartLineRow';

/** The cart: lines with their quantity, remove, the total, and Checkout (a guest signs in first). */
export function CartPage() {
  const { shopApi, shopPath, buyer, refreshCart } = useShop();
  const navigate = useNavigate();
  const moved = (useLocation().state as { moved?: boolean } | null)?.moved;
  const [notice, setNotice] = useState(moved ? 'Your cart moved to your account.' : '');
  const [problem, setProblem] = useState('');
  const cart = useLoad(() => shopApi<CartResponse>('/api/cart'), [shopApi]);

  const change = useAction(async (itemId: string, quantity: number | null, title: string) => {
    setProblem('');
    const path = `/api/cart/items/${encodeURIComponent(itemId)}`;
    if (quantity === null) await shopApi(path, { method: 'DELETE' });
    else await shopApi(path, { method: 'PUT', body: { quantity } });
    setNotice(quantity === null ? `Removed ${title}.` : `${title}: quantity ${quantity}.`);
    cart.reload();
    refreshCart();
  });

  const c = cart.data;
  return (
    <section>
      <h1>Your cart</h1>
      <div role="status" aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <ErrorMessage error={change.error} />
      <ErrorMessage error={cart.error} />
      {!c && cart.loading && <Loading what="Loading your cart" />}
      {c && c.lines.length === 0 && (
        <p>
          Your cart is empty. <Link to={shopPath()}>Continue shopping</Link>.
        </p>
      )}
      {c && c.lines.length > 0 && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Price</th>
                <th scope="col">Quantity</th>
                <th scope="col">Line total</th>
                <th scope="col">
                  <span className="muted">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {c.lines.map((line) => (
                <CartLineRow
                  key={`${line.item_id}:${line.quantity}`}
                  line={line}
                  busy={change.busy}
                  onQuantity={(q) => void change.run(line.item_id, q, line.title)}
                  onRemove={() => void change.run(line.item_id, null, line.title)}
                  onProblem={setProblem}
                />
              ))}
            </tbody>
          </table>
          <p>
            {unitsText(c.item_count)} · Total: <strong>{money(c.subtotal, c.currency ?? 'EUR')}</strong>
          </p>
          {!buyer && <p>Sign in or sign up to check out; your cart comes with you.</p>}
          <button
            type="button"
            onClick={() => navigate(buyer ? shopPath('checkout') : `${shopPath('login')}?next=checkout`)}
          >
            Checkout
          </button>
        </>
      )}
    </section>
  );
}
