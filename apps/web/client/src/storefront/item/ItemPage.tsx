import type { ItemResponse } from '@platform/contracts';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { money } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useLoad } from '../../ui/useLoad';
import { stockText } from '../catalog/stock';
import { useShop } from '../shop';
import { useAddTo } from '../useAddTo';
import { MoreLikeThis } from './MoreLikeThis';
import { SupplierStock } from './SupplierStock';

/** One item: details, stock (and the supplier's), a quantity to add to the cart, the wishlist, similar items. */
export function ItemPage() {
  const { itemId = '' } = useParams();
  const { shopApi } = useShop();
  const [quantity, setQuantity] = useState('1');
  const add = useAddTo();
  const item = useLoad(
    () => shopApi<ItemResponse>(`/api/items/${encodeURIComponent(itemId)}`),
    [shopApi, itemId],
  );

  if (item.error && !item.data)
    return (
      <section>
        <h1>Item</h1>
        <ErrorMessage error={item.error} />
      </section>
    );
  if (!item.data) return <Loading what="Loading the item" />;
  const it = item.data;
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    void add.addToCart(it.item_id, it.title, Math.max(1, Math.floor(Number(quantity) || 1)));
  };

  return (
    <section>
      <h1>{it.title}</h1>
      <div className="card">
        <p>
          <strong>{money(it.price, it.currency)}</strong> <span className="badge">{stockText(it.stock)}</span>{' '}
          <span className="muted">({it.stock} in the shop)</span>
        </p>
        {it.supplier && <SupplierStock itemId={it.item_id} />}
        {it.description && <p>{it.description}</p>}
        <p className="muted">
          Category: {it.category}
          {it.tags.length > 0 && ` · Tags: ${it.tags.join(', ')}`}
        </p>
        <form onSubmit={onAdd}>
          <Field
            label="Quantity"
            type="number"
            min={1}
            max={Math.max(1, it.stock)}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
          <button type="submit" disabled={add.busy || it.stock <= 0}>
            Add to cart
          </button>{' '}
          <button
            type="button"
            className="secondary"
            disabled={add.busy}
            onClick={() => void add.addToWishlist(it.item_id, it.title)}
          >
            Add to wishlist
          </button>
        </form>
        <div role="status" aria-live="polite">
          {add.notice && <p className="notice">{add.notice}</p>}
        </div>
        <ErrorMessage error={add.error} />
      </div>
      <MoreLikeThis itemId={it.item_id} />
    </section>
  );
}
