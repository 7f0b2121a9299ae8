const LABEL: Record<string, string> = {
  pending: 'Pending payment',
  confirmed: 'Confirmed',
  failed: 'Failed',
  expired: 'Expired',
  fulfilled: 'Fulfilled',
  cancelled: 'Cancelled',
};

/** An order's status as a badge. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{LABEL[status] ?? status}</span>;
}
