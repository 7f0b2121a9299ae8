// STUB: the payments component replaces this file.
import { type Broker } from '@platform/messaging';
import { type ServiceClient } from '@platform/resilience';
import { type Logger, type Metrics } from '@platform/service-kit';
import { type Router } from 'express';
import type Redis from 'ioredis';
import { type Config } from '../config';
import { type CardChargePort, type WalletPort } from './ports';

export function paymentsComponent(deps: {
  config: Config;
  redis: Redis;
  broker: Broker;
  orderService: ServiceClient;
  userService: ServiceClient;
  gateway: ServiceClient;
  logger: Logger;
  metrics: Metrics;
}) {
  let wallet: WalletPort | undefined;
  const cards: CardChargePort = {
    charge: () => Promise.reject(new Error('not built yet')),
  };
  return {
    routers: [] as Router[],
    background: [] as { start(): void | Promise<void>; stop(): Promise<void> }[],
    cards,
    useWallet: (w: WalletPort) => void (wallet = w),
    get wallet() {
      return wallet ?? deps.config;
    },
  };
}
