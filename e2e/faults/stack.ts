import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  freePort,
  SERVICE_NAMES,
  startService,
  type RunningService,
  type ServiceName,
} from '@platform/devstack';
import {
  startPaymentGatewaySimulator,
  startPrivateServer,
  startSupplierSimulator,
  uniqueTopicPrefix,
  type PrivateServer,
} from '@platform/devstack/testing';
import { Client } from 'pg';

/** The six services (devstack's list without the web app). */
export const SIX: ServiceName[] = SERVICE_NAMES.filter((n) => n !== 'web');

/**
 * The six built services as processes on servers of this suite alone: PostgreSQL, FerretDB, Redis and
 * Kafka are private (startPrivateServer), so restarting one never disturbs the suites that share the
 * devstack, and so are the payment-gateway and supplier simulators (their failure switches). Mails go
 * to the devstack's MailDev (addresses unique to the run). Short sweeps and reconciliation, so that
 * what a fault leaves half done is finished within the suite's settling time.
 */
export async function startFaultStack() {
  const disposers: (() => Promise<unknown>)[] = [];
  const dispose = async () => {
    for (const d of disposers.reverse()) await d().catch(() => undefined);
  };
  try {
    const postgres = await startPrivateServer('postgres');
    disposers.push(() => postgres.dispose());
    const ferretdb = await startPrivateServer('ferretdb');
    disposers.push(() => ferretdb.dispose());
    const redis = await startPrivateServer('redis');
    disposers.push(() => redis.dispose());
    const kafka = await startPrivateServer('kafka');
    disposers.push(() => kafka.dispose());
    const servers = { postgres, ferretdb, redis, kafka };
    return await startServices(servers, disposers, dispose);
  } catch (err) {
    await dispose();
    throw err;
  }
}

type Servers = {
  postgres: PrivateServer<'postgres'>;
  ferretdb: PrivateServer<'ferretdb'>;
  redis: PrivateServer<'redis'>;
  kafka: PrivateServer<'kafka'>;
};

async function startServices(
  servers: Servers,
  disposers: (() => Promise<unknown>)[],
  dispose: () => Promise<void>,
) {
  const { postgres, ferretdb, redis, kafka } = servers;
  const pg = new Client({ connectionString: postgres.url('postgres') });
  await pg.connect();
  for (const db of ['user_service', 'ml_engine', 'data_pipeline']) await pg.query(`CREATE DATABASE ${db}`);
  await pg.end();

  const prefix = uniqueTopicPrefix();
  const instance = `faults-${randomBytes(3).toString('hex')}`;
  const ports = {} as Record<ServiceName, number>;
  for (const name of SIX) ports[name] = await freePort();
  const url = (name: ServiceName) => `http://127.0.0.1:${ports[name]}`;
  const callbackUrl = `${url('payment-service')}/api/webhooks/payment-gateway`;
  const gateway = await startPaymentGatewaySimulator({ callbackUrl });
  disposers.push(() => gateway.stop());
  const supplier = await startSupplierSimulator({
    products: 200,
    webhookUrl: `${url('order-service')}/api/webhooks/supplier`,
  });
  disposers.push(() => supplier.stop());
  const dir = (name: string) => {
    const d = mkdtempSync(path.join(tmpdir(), name));
    disposers.push(async () => rmSync(d, { recursive: true, force: true }));
    return d;
  };
  const dataStoreDir = dir('faults-object-store-');
  const users = url('user-service');
  const redisDb = (n: number) => `${redis.url()}/${n}`;
  // a few shops' fixed rate is far under any tenant's limit; the limit is not what this suite measures
  const unlimited = { RATE_LIMIT_PER_MINUTE: '1000000000', USER_SERVICE_URL: users };
  const env: Record<ServiceName, Record<string, string>> = {
    'user-service': {
      DATABASE_URL: postgres.url('user_service'),
      REDIS_URL: redisDb(0),
      BCRYPT_ROUNDS: '10',
    },
    'order-service': {
      MONGO_URL: `mongodb://127.0.0.1:${ferretdb.port}/order_service`,
      REDIS_URL: redisDb(0),
      USER_SERVICE_URL: users,
      SUPPLIER_URL: supplier.url,
      ORDER_EXPIRY_MINUTES: '0.5',
      ORDER_RESERVATION_TIMEOUT_MS: '10000',
      BREAKER_RESET_MS: '1000',
      // a sync cut short by kill -9 holds its lock this long, not a quarter of an hour
      SUPPLIER_SYNC_LOCK_MS: '10000',
    },
    'payment-service': {
      REDIS_URL: redisDb(1),
      USER_SERVICE_URL: users,
      ORDER_SERVICE_URL: url('order-service'),
      PAYMENT_GATEWAY_URL: gateway.url,
      PAYMENT_GATEWAY_CALLBACK_URL: callbackUrl,
      RECONCILE_AFTER_MS: '3000',
      RECONCILE_INTERVAL_MS: '1000',
      BREAKER_RESET_MS: '1000',
    },
    'notification-worker': {
      REDIS_URL: redisDb(2),
      CONSUMER_RETRY_INITIAL_MS: '200',
      CONSUMER_MAX_WAIT_MS: '100',
    },
    'ml-engine': {
      ...unlimited,
      DATABASE_URL: postgres.url('ml_engine'),
      REDIS_URL: redisDb(4),
      OBJECT_STORE_DIR: dir('faults-ml-store-'),
      TRAINING_DATA_DIR: dataStoreDir,
    },
    'data-pipeline': {
      ...unlimited,
      DATABASE_URL: postgres.url('data_pipeline'),
      REDIS_URL: redisDb(3),
      OBJECT_STORE_DIR: dataStoreDir,
      WRITER_FLUSH_MS: '200',
    },
    web: {},
  };
  const shared = {
    KAFKA_BROKERS: kafka.brokers(),
    KAFKA_TOPIC_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    // a killed instance's partitions go to its replacement after 10 s rather than kafkajs's 30 s
    KAFKA_SESSION_TIMEOUT_MS: '10000',
  };
  const running = {} as Record<ServiceName, RunningService>;
  /** Starts `name` (again) on its port; resolves once its /ready answers. */
  const start = async (name: ServiceName) => {
    running[name] = await startService(name, {
      port: ports[name],
      instance,
      env: { ...shared, ...env[name] },
    });
    return running[name];
  };
  const stopServices = () => Promise.all(Object.values(running).map((s) => s.stop()));
  try {
    // user-service first (the others read its keys at start), then the other five side by side
    await start('user-service');
    await Promise.all(SIX.filter((n) => n !== 'user-service').map(start));
  } catch (err) {
    await stopServices();
    throw err;
  }
  return {
    prefix,
    brokers: kafka.brokers(),
    servers,
    gateway,
    supplier,
    dataStoreDir,
    url,
    start,
    service: (name: ServiceName) => running[name],
    async stop() {
      await stopServices();
      await dispose();
    },
  };
}
export type FaultStack = Awaited<ReturnType<typeof startFaultStack>>;
