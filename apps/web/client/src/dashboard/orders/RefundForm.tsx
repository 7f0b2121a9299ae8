import type { PaymentResponse, RefundResponse } from '@platform/contracts';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { money } from '../../ui/format';
import { useAction } from '../../ui/useLoad';
import { refundable } from './orders';

/** Refund a completed payment: the whole rest, or a part of it; the refund's status is shown. */
export function RefundForm({ payment, onDone }: { payment: PaymentResponse; onDone(): void }) {
  const { api } = useSession();
  const left = refundable(payment);
  const [amount, setAmount] = useState(String(left));
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState<RefundResponse>();
  const refund = useAction(async () => {
    const body = {
      ...(Number(amount) === left ? {} : { amount: Number(amount) }),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    setAnswer(await api<RefundResponse>(`/api/payments/${payment.id}/refund`, { method: 'POST', body }));
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void refund.run();
  };
  return (
    <form className="card" onSubmit={submit} aria-label={`Refund ${payment.id}`}>
      <h3>Refund {payment.id}</h3>
      <p>Up to {money(left, payment.currency)} is left to refund.</p>
      <Field
        label={`Amount (${payment.currency})`}
        type="number"
        required
        min={0.01}
        max={left}
        step="0.01"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        disabled={!!answer}
      />
      <Field
        label="Reason (optional)"
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        disabled={!!answer}
      />
      <ErrorMessage error={refund.error} />
      <div role="status">
        {answer && (
          <p className="notice">
            Refund of {money(answer.amount, answer.currency)}: {answer.status}
            {answer.status === 'processing' ? ' (the card gateway confirms it shortly)' : ''}.
          </p>
        )}
      </div>
      {answer ? (
        <button type="button" onClick={onDone}>
          Done
        </button>
      ) : (
        <>
          <button type="submit" disabled={refund.busy}>
            {refund.busy ? 'Refunding…' : 'Refund'}
          </button>{' '}
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        </>
      )}
    </form>
  );
}
