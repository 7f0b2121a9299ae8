import { type Metrics } from '@platform/service-kit';
import { Counter } from 'prom-client';
import { type LedgerEntryType } from './wallet-ledger';

/** `wallet_balance_changes_total{type}`: one per ledger entry written (top_up, payment, refund). */
export function walletMetrics(metrics: Metrics) {
  const changes = new Counter({
    name: 'wallet_balance_changes_total',
    help: 'Wallet balance changes (ledger entries written), by type',
    labelNames: ['service', 'type'],
    registers: [metrics.registry],
  });
  return {
    balanceChanged: (type: LedgerEntryType) => changes.inc({ service: metrics.service, type }),
  };
}
export type WalletMetrics = ReturnType<typeof walletMetrics>;
