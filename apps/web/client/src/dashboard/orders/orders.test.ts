import { adminMoves, refundable } from './orders';

describe('adminMoves', () => {
  it('offers the legal moves of a pending and a confirmed order', () => {
    expect(adminMoves('pending')).toEqual(['confirmed', 'failed', 'cancelled']);
    expect(adminMoves('confirmed')).toEqual(['fulfilled', 'cancelled']);
  });

  it('offers nothing for a finished order', () => {
    for (const s of ['failed', 'expired', 'fulfilled', 'cancelled'] as const)
      expect(adminMoves(s)).toEqual([]);
  });
});

describe('refundable', () => {
  it('is the amount less what was refunded for a completed payment', () => {
    expect(refundable({ amount: 30, refundedAmount: 10.1, status: 'completed' })).toBe(19.9);
  });

  it('is 0 for a payment that is not completed', () => {
    expect(refundable({ amount: 30, refundedAmount: 0, status: 'processing' })).toBe(0);
    expect(refundable({ amount: 30, refundedAmount: 30, status: 'refunded' })).toBe(0);
  });
});
