import { useLoad } from '../../ui/useLoad';
import { useShop } from '../shop';

/** A supplier item's stock at the supplier (cached there 5 minutes); a line that says so when unknown. */
export function SupplierStock({ itemId }: { itemId: string }) {
  const { shopApi } = useShop();
  const stock = useLoad(
    () => shopApi<{ available: boolean; stock: number }>(`/api/items/${encodeURIComponent(itemId)}/stock`),
    [shopApi, itemId],
  );
  if (stock.loading && !stock.data) return <p className="muted">Checking the supplier&apos;s stock…</p>;
  if (!stock.data) return <p className="muted">The supplier&apos;s stock is not known right now.</p>;
  return (
    <p>
      At the supplier:{' '}
      {stock.data.available ? `${stock.data.stock} available` : 'not available at the moment'}
    </p>
  );
}
