import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TOPICS } from '@platform/contracts';
import { readTopicsWithPrefix } from '@platform/messaging/testing';
import { freePort, startService, type RunningService, type ServiceName } from '@platform/devstack';
import {
  createTestDatabase,
  describeScan,
  expectNoSecrets,
  knownSecrets,
  startPaymentGatewaySimulator,
  startPrivateServer,
  uniqueTopicPrefix,
  type PaymentGatewaySimulator,
  type PrivateServer,
} from '@platform/devstack/testing';

/** Settings of one service for this stack beside the ones every service gets. */
type Overrides = Partial<Record<ServiceName, Record<string, string>>>;

/**
 * The six services as processes (the built bundles) on one topic prefix, each on a free port and a
 * store of its own: user-service on a fresh PostgreSQL database, order-service on a fresh MongoDB
 * database, payment-service on a Redis server of its own, and a payment-gateway simulator of its own
 * that calls payment-service back. Mails go to the devstack's MailDev.
 */
export async function startSagaStack(opts: { services?: ServiceName[]; env?: Overrides } = {}) {
  const wanted = new Set<ServiceName>(
    opts.services ?? [
      'user-service',
      'order-service',
      'payment-service',
      'notification-worker',
      'ml-engine',
      'data-pipeline',
    ],
  );
  const prefix = uniqueTopicPrefix();
  const instance = `saga-${randomBytes(3).toString('hex')}`;
  const ports = {} as Record<ServiceName, number>;
  for (const name of wanted) ports[name] = await freePort();
  const url = (name: ServiceName) => `http://127.0.0.1:${ports[name]}`;
  const callbackUrl = `${url('payment-service')}/api/webhooks/payment-gateway`;
  // notification-worker's groups are named after CONSUMER_GROUP (not the topic prefix): one of its own
  const workerGroup = `saga-worker-${randomUUID()}`;

  const disposers: (() => Promise<unknown>)[] = [];
  const usersDb = await createTestDatabase('e2e_saga_users');
  disposers.push(() => usersDb.drop());
  const paymentsRedis: PrivateServer<'redis'> = await startPrivateServer('redis');
  disposers.push(() => paymentsRedis.dispose());
  const gateway: PaymentGatewaySimulator = await startPaymentGatewaySimulator({ callbackUrl });
  disposers.push(() => gateway.stop());
  const dataDb = await createTestDatabase('e2e_saga_data');
  disposers.push(() => dataDb.drop());
  const dataStoreDir = mkdtempSync(path.join(tmpdir(), 'saga-object-store-'));
  disposers.push(async () => rmSync(dataStoreDir, { recursive: true, force: true }));
  const mlDb = await createTestDatabase('e2e_saga_ml');
  disposers.push(() => mlDb.drop());
  const mlStoreDir = mkdtempSync(path.join(tmpdir(), 'saga-ml-store-'));
  disposers.push(async () => rmSync(mlStoreDir, { recursive: true, force: true }));

  // info: the request lines too, so the secret scan at stop() reads what a deployment logs
  const shared = { KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'info' };
  const env: Record<ServiceName, Record<string, string>> = {
    'user-service': {
      DATABASE_URL: usersDb.url,
      BCRYPT_ROUNDS: '10',
      OUTBOX_POLL_MS: '50',
      // failed-login counters of its own on the shared Redis: the per-IP one (127.0.0.1) would otherwise
      // carry one stack's failures (the fuzzing's hundreds) into every other stack's logins for 15 minutes
      LOGIN_THROTTLE_KEY_PREFIX: `${prefix}login_fail`,
    },
    'order-service': {
      MONGO_URL: `${process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017'}/t_saga_${randomBytes(4).toString('hex')}`,
      USER_SERVICE_URL: url('user-service'),
      OUTBOX_POLL_MS: '50',
    },
    'payment-service': {
      REDIS_URL: paymentsRedis.url(),
      USER_SERVICE_URL: url('user-service'),
      ORDER_SERVICE_URL: url('order-service'),
      PAYMENT_GATEWAY_URL: gateway.url,
      PAYMENT_GATEWAY_CALLBACK_URL: callbackUrl,
      OUTBOX_POLL_MS: '20',
      BREAKER_RESET_MS: '1000',
    },
    'notification-worker': {
      CONSUMER_GROUP: workerGroup,
      CONSUMER_FROM_BEGINNING: 'true',
      CONSUMER_RETRY_INITIAL_MS: '200',
      CONSUMER_MAX_WAIT_MS: '100',
    },
    // a database and artifacts folder of its own; it trains on data-pipeline's folder
    'ml-engine': {
      DATABASE_URL: mlDb.url,
      OBJECT_STORE_DIR: mlStoreDir,
      TRAINING_DATA_DIR: dataStoreDir,
      USER_SERVICE_URL: url('user-service'),
    },
    // training data of its own (database and folder), written soon after each batch
    'data-pipeline': {
      DATABASE_URL: dataDb.url,
      OBJECT_STORE_DIR: dataStoreDir,
      USER_SERVICE_URL: url('user-service'),
      WRITER_FLUSH_MS: '200',
    },
    // the web app's server in front of the others (only when `services` asks for it, after the six)
    web: {
      USER_SERVICE_URL: url('user-service'),
      ORDER_SERVICE_URL: url('order-service'),
      PAYMENT_SERVICE_URL: url('payment-service'),
      NOTIFICATION_WORKER_URL: url('notification-worker'),
      ML_ENGINE_URL: url('ml-engine'),
      DATA_PIPELINE_URL: url('data-pipeline'),
    },
  };
  const envOf = (name: ServiceName, extra: Record<string, string> = {}) => ({
    ...shared,
    ...env[name],
    ...opts.env?.[name],
    ...extra,
  });

  const running = {} as Record<ServiceName, RunningService>;
  const logs = new Set<string>(); // every start's log file (a restart appends to the same one)
  /** Starts `name` (again) on its port, with `extra` settings for this start only. */
  const start = async (name: ServiceName, extra?: Record<string, string>) => {
    running[name] = await startService(name, { port: ports[name], instance, env: envOf(name, extra) });
    logs.add(running[name].log);
    return running[name];
  };
  try {
    for (const name of wanted) await start(name);
  } catch (err) {
    await Promise.all(Object.values(running).map((s) => s.stop()));
    for (const dispose of disposers.reverse()) await dispose().catch(() => undefined);
    throw err;
  }

  return {
    prefix,
    gateway,
    dataStoreDir,
    paymentsRedis,
    workerGroup,
    url,
    service: (name: ServiceName) => running[name],
    start,
    topics: {
      orders: `${prefix}${TOPICS.orderEvents}`,
      payments: `${prefix}${TOPICS.paymentEvents}`,
      users: `${prefix}${TOPICS.userEvents}`,
    },
    /**
     * Stops the services, then scans what the run left (logs, topics and stores) for secrets before
     * disposing of them (issue 13): it throws with the findings, so the spec's afterAll fails.
     */
    async stop() {
      await Promise.all(Object.values(running).map((s) => s.stop()));
      try {
        const started = Date.now();
        const result = await expectNoSecrets({
          logs: [...logs],
          topicPrefix: prefix,
          readTopics: readTopicsWithPrefix,
          postgresUrls: [usersDb.url, dataDb.url, mlDb.url],
          mongoUrl: env['order-service'].MONGO_URL,
          redisUrls: [paymentsRedis.url()],
        });
        process.stdout.write(
          `${describeScan(result)} (${knownSecrets().size} test values, ${Date.now() - started} ms)\n`,
        );
      } finally {
        for (const dispose of disposers.reverse()) await dispose().catch(() => undefined);
      }
    },
  };
}
export type SagaStack = Awaited<ReturnType<typeof startSagaStack>>;
