import type { WishlistResponse } from '@platform/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { money, when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useAction, useLoad } from '../../ui/useLoad';
import { useShop } from '../shop';

/** The wishlist: its items, remove one, or move one to the cart. */
export function WishlistPage() {
  const { shopApi, shopPath, refreshCart } = useShop();
  const [notice, setNotice] = useState('');
  const list = useLoad(() => shopApi<WishlistResponse>('/api/wishlist'), [shopApi]);

  const act = useAction(async (itemId: string, title: string, toCart: boolean) => {
    if (toCart) await shopApi('/api/cart/items', { body: { item_id: itemId, quantity: 1 } });
    await shopApi(`/api/wishlist/items/${encodeURIComponent(itemId)}`, { method: 'DELETE' });
    setNotice(toCart ? `Moved ${title} to your cart.` : `Removed ${title} from your wishlist.`);
    if (toCart) refreshCart();
    list.reload();
  });

  const items = list.data?.items ?? [];
  return (
    <section>
      <h1>Your wishlist</h1>
      <div role="status" aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
      </div>
      <ErrorMessage error={act.error} />
      <ErrorMessage error={list.error} />
      {!list.data && list.loading && <Loading what="Loading your wishlist" />}
      {list.data && items.length === 0 && (
        <p>
          Your wishlist is empty. <Link to={shopPath()}>Continue shopping</Link>.
        </p>
      )}
      {items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Price</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="muted">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.item_id}>
                <td>
                  <Link to={shopPath(`items/${encodeURIComponent(i.item_id)}`)}>{i.title}</Link>
                </td>
                <td>{money(i.price, i.currency)}</td>
                <td>{when(i.added_at)}</td>
                <td>
                  <button
                    type="button"
                    disabled={act.busy}
                    onClick={() => void act.run(i.item_id, i.title, true)}
                  >
                    Move to cart
                  </button>{' '}
                  <button
                    type="button"
                    className="secondary"
                    disabled={act.busy}
                    onClick={() => void act.run(i.item_id, i.title, false)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
