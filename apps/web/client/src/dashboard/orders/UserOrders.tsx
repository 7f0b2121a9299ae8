import type { OrderListResponse, OrderResponse, OrderStatus } from '@platform/contracts';
import { useState } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { money, when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useAction, useLoad } from '../../ui/useLoad';
import { adminMoves } from './orders';

/** A user's orders, newest first, with the status moves an admin may make. */
export function UserOrders({
  userId,
  round,
  onChanged,
}: {
  userId: string;
  round: number;
  onChanged(): void;
}) {
  const { api } = useSession();
  const [status, setStatus] = useState('');
  const orders = useLoad(
    () => api<OrderListResponse>(`/api/orders/user/${encodeURIComponent(userId)}`, { query: { limit: 50 } }),
    [userId, round],
  );
  const move = useAction(async (order: OrderResponse, to: OrderStatus) => {
    if (to === 'cancelled' && !window.confirm(`Cancel order ${order.id}? A paid order is refunded.`)) return;
    const done =
      to === 'cancelled'
        ? await api<{ status: string }>(`/api/orders/${order.id}/cancel`, { method: 'POST', body: {} })
        : await api<OrderResponse>(`/api/orders/${order.id}/status`, { method: 'PUT', body: { status: to } });
    setStatus(`Order ${order.id} is now ${done.status}.`);
    onChanged();
  });
  const list = orders.data?.orders ?? [];
  return (
    <div className="card">
      <h2>Orders</h2>
      <p role="status">{status}</p>
      <ErrorMessage error={orders.error ?? move.error} />
      {orders.loading && !orders.data && <Loading what="Loading orders" />}
      {orders.data && list.length === 0 && <p>No orders.</p>}
      {list.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Created</th>
              <th scope="col">Items</th>
              <th scope="col">Total</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((o) => (
              <tr key={o.id}>
                <td>
                  <code>{o.id}</code>
                </td>
                <td>{when(o.createdAt)}</td>
                <td>{o.items.map((i) => `${i.quantity} × ${i.name ?? i.productId}`).join(', ')}</td>
                <td>{money(o.totalAmount, o.currency)}</td>
                <td>
                  <span className="badge">{o.status}</span>
                </td>
                <td>
                  {adminMoves(o.status).map((to) => (
                    <button
                      key={to}
                      type="button"
                      className={to === 'cancelled' || to === 'failed' ? 'danger' : 'secondary'}
                      disabled={move.busy}
                      onClick={() => void move.run(o, to)}
                    >
                      Mark {to}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
