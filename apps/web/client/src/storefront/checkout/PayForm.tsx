import type { OrderResponse, PaymentResponse, WalletResponse } from '@platform/contracts';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { money } from '../../ui/format';
import { useAction, useLoad } from '../../ui/useLoad';
import { useShop } from '../shop';
import { cardMethod, TEST_CARDS } from './payment';

/**
 * Pays a pending order by test card or from the wallet (POST /api/payments), then shows the order. The
 * card fields are not kept in React state: they are read from the form when it is sent and cleared.
 */
export function PayForm({ order }: { order: OrderResponse }) {
  const { shopApi, shopPath } = useShop();
  const navigate = useNavigate();
  const [by, setBy] = useState<'card' | 'wallet'>('card');
  const [problem, setProblem] = useState('');
  const wallet = useLoad(
    () => shopApi<WalletResponse>('/api/wallet', { query: { currency: order.currency, limit: 1 } }),
    [shopApi, order.currency],
  );

  const pay = useAction(async (paymentMethod: unknown) => {
    await shopApi<PaymentResponse>('/api/payments', {
      body: { orderId: order.id, amount: order.totalAmount, currency: order.currency, paymentMethod },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    navigate(shopPath(`orders/${order.id}`));
  });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setProblem('');
    if (by === 'wallet') return void pay.run({ type: 'wallet' });
    const form = e.currentTarget;
    const data = new FormData(form);
    const read = cardMethod(
      String(data.get('card') ?? ''),
      String(data.get('expiry') ?? ''),
      String(data.get('cvc') ?? ''),
    );
    if ('problem' in read) return setProblem(read.problem);
    (form.elements.namedItem('card') as HTMLInputElement).value = '';
    (form.elements.namedItem('cvc') as HTMLInputElement).value = '';
    void pay.run(read.method);
  };

  return (
    <form onSubmit={submit} className="card" aria-label="Payment">
      <h2>Pay {money(order.totalAmount, order.currency)}</h2>
      <fieldset>
        <legend>Pay with</legend>
        <label>
          <input type="radio" name="by" checked={by === 'card'} onChange={() => setBy('card')} /> Card
        </label>{' '}
        <label>
          <input type="radio" name="by" checked={by === 'wallet'} onChange={() => setBy('wallet')} /> Wallet
        </label>
      </fieldset>
      {by === 'card' ? (
        <div>
          <p className="muted">
            Test cards: {TEST_CARDS.success} is approved, {TEST_CARDS.decline} is declined (insufficient
            funds); any future expiry and any 3 digits.
          </p>
          <Field label="Card number" name="card" inputMode="numeric" autoComplete="cc-number" required />
          <Field label="Expiry (MM/YY)" name="expiry" autoComplete="cc-exp" placeholder="12/30" required />
          <Field label="CVC" name="cvc" inputMode="numeric" autoComplete="cc-csc" required />
        </div>
      ) : (
        <p>
          {wallet.data
            ? `Wallet balance: ${money(wallet.data.balance, wallet.data.currency)}`
            : wallet.error
              ? 'The wallet balance is not available right now.'
              : 'Loading the wallet balance…'}
        </p>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <ErrorMessage error={pay.error} />
      <button type="submit" disabled={pay.busy}>
        {pay.busy ? 'Paying…' : `Pay ${money(order.totalAmount, order.currency)}`}
      </button>
    </form>
  );
}
