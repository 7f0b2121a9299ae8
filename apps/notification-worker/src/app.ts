import { type Broker, type EventConsumer } from '@platform/messaging';
import {
  createService,
  openApiRouter,
  redisCheck,
  type Logger,
  type Metrics,
  type Service,
} from '@platform/service-kit';
import type Redis from 'ioredis';
import { type Config } from './config';
import { type Mailer } from './mail/mailer';
import { buildNotificationWorkerOpenApi } from './openapi/openapi';

export interface AppDeps {
  config: Config;
  redis: Redis;
  broker: Broker;
  /** Each consumer group by the name of its health check. */
  consumers: Record<string, EventConsumer>;
  mailer: Mailer;
  logger: Logger;
  metrics: Metrics;
}

/** The worker serves only /health, /ready, /metrics and their document, /openapi.json (port 3004). */
export function buildApp({ config, redis, broker, consumers, mailer, logger, metrics }: AppDeps): Service {
  return createService({
    name: 'notification-worker',
    version: config.SERVICE_VERSION,
    logger,
    metrics,
    checks: [
      redisCheck(redis, 'database', true),
      broker.healthCheck(true),
      ...Object.entries(consumers).map(([name, c]) => c.healthCheck(name)),
      mailer.healthCheck(),
    ],
    routes: [openApiRouter(buildNotificationWorkerOpenApi())],
  });
}
