import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startService, type RunningService, type ServiceName } from '@platform/devstack';
import {
  createTestDatabase,
  startPaymentGatewaySimulator,
  startPrivateServer,
  uniqueTopicPrefix,
} from '@platform/devstack/testing';
import { SOAKED } from './metrics';

/**
 * The six built services as processes on one topic prefix, each with stores of its own (as
 * e2e/test/saga/stack.ts, which bench/ may not import): user-service, data-pipeline and ml-engine on fresh
 * PostgreSQL databases, order-service on a FerretDB server of its own (so that other tests' writes on the
 * shared one are not in its figures, and its data goes with it), payment-service on a Redis server of
 * its own with a gateway simulator calling it back, notification-worker mailing `smtpUrl`.
 */
export async function startSoakStack(smtpUrl: string) {
  const prefix = uniqueTopicPrefix();
  const instance = `soak-${randomBytes(3).toString('hex')}`;
  const ports = {} as Record<ServiceName, number>;
  for (const name of SOAKED) ports[name] = await freePort();
  const url = (name: ServiceName) => `http://127.0.0.1:${ports[name]}`;
  const callbackUrl = `${url('payment-service')}/api/webhooks/payment-gateway`;
  const disposers: (() => Promise<unknown>)[] = [];
  const running: RunningService[] = [];
  const stop = async () => {
    await Promise.all(running.map((s) => s.stop()));
    for (const dispose of disposers.reverse()) await dispose().catch(() => undefined);
  };
  try {
    const db = async (name: string) => {
      const d = await createTestDatabase(name);
      disposers.push(() => d.drop());
      return d.url;
    };
    const dir = (name: string) => {
      const d = mkdtempSync(path.join(tmpdir(), name));
      disposers.push(async () => rmSync(d, { recursive: true, force: true }));
      return d;
    };
    const redis = await startPrivateServer('redis');
    disposers.push(() => redis.dispose());
    const ferretdb = await startPrivateServer('ferretdb');
    disposers.push(() => ferretdb.dispose());
    const gateway = await startPaymentGatewaySimulator({ callbackUrl });
    disposers.push(() => gateway.stop());
    const dataDir = dir('soak-object-store-');
    const users = url('user-service');
    // the rate limit is a tenant's business rule, not what a soak of a few shops measures
    const unlimited = { RATE_LIMIT_PER_MINUTE: '1000000000', USER_SERVICE_URL: users };
    const env: Record<string, Record<string, string>> = {
      'user-service': { DATABASE_URL: await db('bench_soak_users'), BCRYPT_ROUNDS: '10' },
      'order-service': {
        MONGO_URL: `${ferretdb.url()}/bench_soak`,
        USER_SERVICE_URL: users,
      },
      'payment-service': {
        REDIS_URL: redis.url(),
        USER_SERVICE_URL: users,
        ORDER_SERVICE_URL: url('order-service'),
        PAYMENT_GATEWAY_URL: gateway.url,
        PAYMENT_GATEWAY_CALLBACK_URL: callbackUrl,
      },
      'notification-worker': { CONSUMER_GROUP: `soak-worker-${randomUUID()}`, SMTP_URL: smtpUrl },
      'ml-engine': {
        ...unlimited,
        DATABASE_URL: await db('bench_soak_ml'),
        OBJECT_STORE_DIR: dir('soak-ml-store-'),
        TRAINING_DATA_DIR: dataDir,
      },
      'data-pipeline': { ...unlimited, DATABASE_URL: await db('bench_soak_data'), OBJECT_STORE_DIR: dataDir },
    };
    for (const name of SOAKED)
      running.push(
        await startService(name, {
          port: ports[name],
          instance,
          env: { KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...env[name] },
          nodeArgs: process.env.SOAK_NODE_ARGS ? process.env.SOAK_NODE_ARGS.split(' ') : [],
        }),
      );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
