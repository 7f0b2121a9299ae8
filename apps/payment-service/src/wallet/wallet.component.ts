import { type Logger, type Metrics } from '@platform/service-kit';
import type Redis from 'ioredis';
import { type Config } from '../config';
import { type CardChargePort } from '../payments/ports';
import { walletMetrics } from './wallet-metrics';
import { walletPort } from './wallet-port';
import { WalletRepository } from './wallet.repository';
import { walletRouter } from './wallet.routes';

/** The wallet: its routes (balance, top-up) and the port the payments component pays and refunds through. */
export function walletComponent(deps: {
  config: Config;
  redis: Redis;
  cards: CardChargePort;
  logger: Logger;
  metrics: Metrics;
}) {
  const repo = new WalletRepository(deps.redis);
  return {
    routers: [walletRouter(repo, deps.cards)],
    port: walletPort(repo, walletMetrics(deps.metrics)),
    repo,
  };
}
