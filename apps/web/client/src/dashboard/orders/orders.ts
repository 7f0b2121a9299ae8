import type { OrderStatus, PaymentResponse } from '@platform/contracts';

/** The moves an admin may make from an order's status (order-service's LEGAL, less `expired`, which only the sweeper sets). */
const ADMIN_MOVES: Partial<Record<OrderStatus, Exclude<OrderStatus, 'pending' | 'expired'>[]>> = {
  pending: ['confirmed', 'failed', 'cancelled'],
  confirmed: ['fulfilled', 'cancelled'],
};

export function adminMoves(status: OrderStatus): Exclude<OrderStatus, 'pending' | 'expired'>[] {
  return ADMIN_MOVES[status] ?? [];
}

/** What is left to refund of a payment: its amount less what was refunded, never below zero; 0 unless completed. */
export function refundable(p: Pick<PaymentResponse, 'amount' | 'refundedAmount' | 'status'>): number {
  if (p.status !== 'completed') return 0;
  return Math.max(0, Math.round((p.amount - p.refundedAmount) * 100) / 100);
}
