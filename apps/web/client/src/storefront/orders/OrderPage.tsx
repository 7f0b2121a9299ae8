import type { OrderResponse, PaymentResponse } from '@platform/contracts';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { money, when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useAction } from '../../ui/useLoad';
import { declineText } from '../checkout/payment';
import { useShop } from '../shop';
import { cancellable, FINAL_STATUSES, pollUntil } from './poll';
import { StatusBadge } from './StatusBadge';

/** One order, its status kept current (polled every second until it settles), why it failed, and Cancel. */
export function OrderPage() {
  const { orderId = '' } = useParams();
  const { shopApi, shopPath, buyer } = useShop();
  const [order, setOrder] = useState<OrderResponse>();
  const [loadError, setLoadError] = useState<unknown>();
  const [reason, setReason] = useState('');
  const [round, setRound] = useState(0);

  useEffect(
    () =>
      pollUntil(
        () => shopApi<OrderResponse>(`/api/orders/${encodeURIComponent(orderId)}`),
        (o) => FINAL_STATUSES.has(o.status),
        (o) => {
          setOrder(o);
          setLoadError(undefined);
        },
        setLoadError,
      ),
    [shopApi, orderId, round],
  );

  const failed = order?.status === 'failed';
  useEffect(() => {
    if (!failed || !buyer) return;
    let live = true;
    shopApi<{ payments: PaymentResponse[] }>(`/api/payments/user/${buyer.id}`, { query: { limit: 20 } })
      .then((r) => {
        const p = r.payments.find((x) => x.orderId === orderId && x.status === 'failed');
        if (live) setReason(p ? declineText(p) : 'The payment did not go through.');
      })
      .catch(() => live && setReason('The payment did not go through.'));
    return () => {
      live = false;
    };
  }, [failed, buyer, shopApi, orderId]);

  const cancel = useAction(async () => {
    await shopApi(`/api/orders/${encodeURIComponent(orderId)}/cancel`, { method: 'POST' });
    setRound((r) => r + 1);
  });

  if (!order)
    return (
      <section>
        <h1>Order</h1>
        {loadError ? <ErrorMessage error={loadError} /> : <Loading what="Loading the order" />}
      </section>
    );
  return (
    <section>
      <h1>Order {order.id.slice(0, 8)}</h1>
      <div className="card">
        <p role="status" aria-live="polite">
          Status: <StatusBadge status={order.status} />
          {order.status === 'pending' && ' (waiting for the payment…)'}
        </p>
        {failed && reason && (
          <p role="alert" className="error">
            {reason}
          </p>
        )}
        <ul>
          {order.items.map((i) => (
            <li key={i.productId}>
              {i.quantity} × {i.name ?? i.productId}: {money(i.lineTotal, order.currency)}
            </li>
          ))}
        </ul>
        <p>
          {order.discount > 0 &&
            `Discount${order.promoCode ? ` (${order.promoCode})` : ''}: −${money(order.discount, order.currency)} · `}
          Total <strong>{money(order.totalAmount, order.currency)}</strong> · placed {when(order.createdAt)}
        </p>
        <ErrorMessage error={loadError} />
        <ErrorMessage error={cancel.error} />
        {order.status === 'pending' && !order.paymentId && (
          <p>
            <Link to={`${shopPath('checkout')}?order=${order.id}`}>Pay for this order</Link>
          </p>
        )}
        {cancellable(order.status) && (
          <button type="button" className="danger" disabled={cancel.busy} onClick={() => void cancel.run()}>
            Cancel order
          </button>
        )}
      </div>
      <p>
        <Link to={shopPath('orders')}>All your orders</Link>
      </p>
    </section>
  );
}
