import type { ItemResponse } from '@platform/contracts';
import { useId } from 'react';
import { Link } from 'react-router';
import { money } from '../../ui/format';
import { useShop } from '../shop';
import { stockText } from './stock';

/** One item of a list: its title (a link to its page), price, stock, and the two buttons. */
export function ItemCard({
  item,
  onAddToCart,
  onAddToWishlist,
  busy,
}: {
  item: ItemResponse;
  onAddToCart(item: ItemResponse): void;
  onAddToWishlist(item: ItemResponse): void;
  busy?: boolean;
}) {
  const { shopPath } = useShop();
  const titleId = useId();
  return (
    <article className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>
        <Link to={shopPath(`items/${encodeURIComponent(item.item_id)}`)}>{item.title}</Link>
      </h2>
      <p>
        <strong>{money(item.price, item.currency)}</strong>{' '}
        <span className="badge">{stockText(item.stock)}</span>
      </p>
      {item.category && <p className="muted">{item.category}</p>}
      <p>
        <button type="button" disabled={busy || item.stock <= 0} onClick={() => onAddToCart(item)}>
          Add to cart
        </button>{' '}
        <button type="button" className="secondary" disabled={busy} onClick={() => onAddToWishlist(item)}>
          Add to wishlist
        </button>
      </p>
    </article>
  );
}
