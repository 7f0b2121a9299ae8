import type { CartLine } from '@platform/contracts';
import { useState, type FormEvent } from 'react';
import { money } from '../../ui/format';
import { parseQuantity } from './cart';

/** One line of the cart: the quantity can be changed (Update) or the line removed. */
export function CartLineRow({
  line,
  busy,
  onQuantity,
  onRemove,
  onProblem,
}: {
  line: CartLine;
  busy: boolean;
  onQuantity(quantity: number): void;
  onRemove(): void;
  onProblem(problem: string): void;
}) {
  const [text, setText] = useState(String(line.quantity));
  const inputId = `qty-${line.item_id}`;
  const titleId = `title-${line.item_id}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseQuantity(text, line.available_stock);
    if ('problem' in parsed) onProblem(`${line.title}: ${parsed.problem}`);
    else onQuantity(parsed.quantity);
  };
  return (
    <tr>
      <td id={titleId}>{line.title}</td>
      <td>{money(line.unit_price, line.currency)}</td>
      <td>
        <form onSubmit={submit} style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
          {/* "Quantity" in each row, described by the row's title (so the cell's name never holds the title) */}
          <label htmlFor={inputId}>Quantity</label>
          <input
            id={inputId}
            aria-describedby={titleId}
            type="number"
            min={1}
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: '5rem' }}
          />
          <button type="submit" className="secondary" disabled={busy}>
            Update
          </button>
        </form>
      </td>
      <td>{money(line.line_total, line.currency)}</td>
      <td>
        <button type="button" className="secondary" disabled={busy} onClick={onRemove}>
          Remove
        </button>
      </td>
    </tr>
  );
}
