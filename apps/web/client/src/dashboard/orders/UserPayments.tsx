import type { PaymentResponse } from '@platform/contracts';
import { useState } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { money, when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useLoad } from '../../ui/useLoad';
import { refundable } from './orders';
import { RefundForm } from './RefundForm';

interface PaymentList {
  payments: PaymentResponse[];
  total: number;
}

/** A user's payments, newest first; a completed one can be refunded in full or in part. */
export function UserPayments({
  userId,
  round,
  onChanged,
}: {
  userId: string;
  round: number;
  onChanged(): void;
}) {
  const { api } = useSession();
  const [refunding, setRefunding] = useState<PaymentResponse>();
  const payments = useLoad(
    () => api<PaymentList>(`/api/payments/user/${encodeURIComponent(userId)}`, { query: { limit: 50 } }),
    [userId, round],
  );
  const list = payments.data?.payments ?? [];
  return (
    <div className="card">
      <h2>Payments</h2>
      <ErrorMessage error={payments.error} />
      {payments.loading && !payments.data && <Loading what="Loading payments" />}
      {payments.data && list.length === 0 && <p>No payments.</p>}
      {refunding && (
        <RefundForm
          key={refunding.id}
          payment={refunding}
          onDone={() => {
            setRefunding(undefined);
            onChanged();
          }}
        />
      )}
      {list.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Payment</th>
              <th scope="col">Created</th>
              <th scope="col">For</th>
              <th scope="col">Method</th>
              <th scope="col">Amount</th>
              <th scope="col">Refunded</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id}>
                <td>
                  <code>{p.id}</code>
                </td>
                <td>{when(p.createdAt)}</td>
                <td>{p.purpose === 'order' ? `Order ${p.orderId ?? ''}` : 'Wallet top-up'}</td>
                <td>
                  {p.paymentMethod.type === 'wallet'
                    ? 'Wallet'
                    : `${p.paymentMethod.brand ?? 'Card'} ${p.paymentMethod.last4 ? `•••• ${p.paymentMethod.last4}` : ''}`}
                </td>
                <td>{money(p.amount, p.currency)}</td>
                <td>{money(p.refundedAmount, p.currency)}</td>
                <td>
                  <span className="badge">{p.status}</span>
                  {p.failureReason && <span> {p.failureReason}</span>}
                </td>
                <td>
                  {refundable(p) > 0 && (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Refund ${p.id}`}
                      onClick={() => setRefunding(p)}
                    >
                      Refund
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
