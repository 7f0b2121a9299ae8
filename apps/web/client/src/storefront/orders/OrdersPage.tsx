import type { OrderListResponse } from '@platform/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { money, when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useLoad } from '../../ui/useLoad';
import { useShop } from '../shop';
import { StatusBadge } from './StatusBadge';

const PAGE = 20;

/** The buyer's orders, newest first, with their status. */
export function OrdersPage() {
  const { shopApi, shopPath, buyer } = useShop();
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    () =>
      buyer
        ? shopApi<OrderListResponse>(`/api/orders/user/${buyer.id}`, { query: { limit: PAGE, offset } })
        : Promise.resolve(undefined),
    [shopApi, buyer, offset],
  );
  if (!buyer)
    return (
      <section>
        <h1>Your orders</h1>
        <p>
          <Link to={shopPath('login')}>Sign in</Link> to see your orders.
        </p>
      </section>
    );
  const orders = list.data?.orders ?? [];
  return (
    <section>
      <h1>Your orders</h1>
      <ErrorMessage error={list.error} />
      {!list.data && list.loading && <Loading what="Loading your orders" />}
      {list.data && orders.length === 0 && <p>You have no orders yet.</p>}
      {orders.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
              <th scope="col">Items</th>
              <th scope="col">Total</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <Link to={shopPath(`orders/${o.id}`)}>Order {o.id.slice(0, 8)}</Link>
                </th>
                <td>{when(o.createdAt)}</td>
                <td>{o.items.reduce((n, i) => n + i.quantity, 0)}</td>
                <td>{money(o.totalAmount, o.currency)}</td>
                <td>
                  <StatusBadge status={o.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && list.data.total > PAGE && (
        <p>
          <button
            type="button"
            className="secondary"
            disabled={offset === 0}
            onClick={() => setOffset(offset - PAGE)}
          >
            Newer orders
          </button>{' '}
          <button
            type="button"
            className="secondary"
            disabled={offset + PAGE >= list.data.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Older orders
          </button>
        </p>
      )}
    </section>
  );
}
