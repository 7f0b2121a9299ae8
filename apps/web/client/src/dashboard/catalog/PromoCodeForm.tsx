import type { PromoCodeResponse } from '@platform/contracts';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { money } from '../../ui/format';
import { useAction } from '../../ui/useLoad';

/** Create a promo code (admin): a percentage or a fixed amount off, optional expiry and maximum uses. */
export function PromoCodeForm() {
  const { api } = useSession();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [value, setValue] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [expires, setExpires] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const [made, setMade] = useState<PromoCodeResponse>();
  const create = useAction(async () => {
    const body = {
      code: code.trim().toUpperCase(),
      ...(kind === 'percent'
        ? { percentOff: Math.trunc(Number(value)) }
        : { amountOff: Number(value), currency: currency.toUpperCase() }),
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59Z`).toISOString() } : {}),
      ...(maxUses ? { maxUses: Math.trunc(Number(maxUses)) } : {}),
    };
    setMade(await api<PromoCodeResponse>('/api/promo-codes', { method: 'POST', body }));
    setCode('');
    setValue('');
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>Create a promo code</h2>
      <div className="grid">
        <Field
          label="Code (A-Z, 0-9, - and _)"
          required
          pattern="[A-Za-z0-9_\-]{3,32}"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <div className="field">
          <label htmlFor="promo-kind">Discount</label>
          <select
            id="promo-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'percent' | 'amount')}
          >
            <option value="percent">Percent off</option>
            <option value="amount">Amount off</option>
          </select>
        </div>
        <Field
          label={kind === 'percent' ? 'Percent off (1-100)' : 'Amount off'}
          type="number"
          required
          min={kind === 'percent' ? 1 : 0}
          max={kind === 'percent' ? 100 : undefined}
          step={kind === 'percent' ? 1 : '0.01'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        {kind === 'amount' && (
          <Field label="Currency" required value={currency} onChange={(e) => setCurrency(e.target.value)} />
        )}
        <Field
          label="Expires on (optional)"
          type="date"
          value={expires}
          onChange={(e) => setExpires(e.target.value)}
        />
        <Field
          label="Maximum uses (optional)"
          type="number"
          min={1}
          step={1}
          value={maxUses}
          onChange={(e) => setMaxUses(e.target.value)}
        />
      </div>
      <ErrorMessage error={create.error} />
      <button type="submit" disabled={create.busy}>
        Create promo code
      </button>
      <p role="status">
        {made &&
          `Promo code ${made.code} created: ${made.percentOff ? `${made.percentOff}% off` : money(made.amountOff ?? 0, made.currency)}.`}
      </p>
    </form>
  );
}
