// STUB: the wallet component replaces this file.
import { type Logger, type Metrics } from '@platform/service-kit';
import { type Router } from 'express';
import type Redis from 'ioredis';
import { type Config } from '../config';
import { type CardChargePort, type WalletPort } from '../payments/ports';

export function walletComponent(deps: {
  config: Config;
  redis: Redis;
  cards: CardChargePort;
  logger: Logger;
  metrics: Metrics;
}) {
  const notYet = () => Promise.reject(new Error(`wallet not built yet (${deps.config.PORT})`));
  const port: WalletPort = { payOrder: notYet, completeTopUp: notYet, refundToWallet: notYet };
  return { routers: [] as Router[], port };
}
