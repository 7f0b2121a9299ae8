import { cartTotal, parseQuantity, unitsText } from './cart';

describe('parseQuantity', () => {
  it('takes a whole number from 1 up to the stock', () => {
    expect(parseQuantity('3', 5)).toEqual({ quantity: 3 });
    expect(parseQuantity(' 5 ', 5)).toEqual({ quantity: 5 });
  });
  it('says why a quantity cannot be taken', () => {
    expect(parseQuantity('0', 5)).toEqual({ problem: 'Enter a whole number of 1 or more.' });
    expect(parseQuantity('1.5', 5)).toEqual({ problem: 'Enter a whole number of 1 or more.' });
    expect(parseQuantity('', 5)).toEqual({ problem: 'Enter a whole number of 1 or more.' });
    expect(parseQuantity('6', 5)).toEqual({ problem: 'Only 5 in stock.' });
    expect(parseQuantity('1', 0)).toEqual({ problem: 'This item is sold out.' });
  });
});

describe('cartTotal', () => {
  it('adds the lines in cents, so 0.1 + 0.2 is 0.30', () => {
    const line = (unit_price: number, quantity: number) => ({
      item_id: 'i',
      title: 't',
      unit_price,
      quantity,
      line_total: unit_price * quantity,
      currency: 'EUR',
      available_stock: 9,
    });
    expect(cartTotal({ lines: [line(0.1, 1), line(0.2, 1)] })).toBe(0.3);
    expect(cartTotal({ lines: [line(19.99, 3), line(5, 2)] })).toBe(69.97);
    expect(cartTotal({ lines: [] })).toBe(0);
  });
});

describe('unitsText', () => {
  it('counts one item and many items', () => {
    expect(unitsText(1)).toBe('1 item');
    expect(unitsText(0)).toBe('0 items');
    expect(unitsText(4)).toBe('4 items');
  });
});
