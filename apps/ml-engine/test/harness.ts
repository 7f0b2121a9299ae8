import { mkdtempSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServiceTokens } from '@platform/auth';
import { freePort } from '@platform/devstack';
import {
  bearer,
  createTestDatabase,
  shopAccounts,
  startUserServiceProcess,
  uniqueTopicPrefix,
  type UserServiceProcess,
} from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers, type Logger } from '@platform/service-kit';
import { compose } from '../src/compose';
import { loadMlEngineConfig, type Config } from '../src/config';

export { bearer };

export interface MlEngineOptions {
  /** Extra environment (S3_BUCKET, TRAINING_DATA_DIR …) over the test defaults. */
  env?: Record<string, string>;
  /** Start consumers, the job runner and the relay at once (default true). */
  startBackground?: boolean;
  logger?: Logger;
  /** Reuse another instance's database, store folder, topics and user-service (a restart). */
  reuse?: SharedData;
}

/** A running ml-engine in a test: the composed parts, its URL, and ways to stop or restart it. */
export type MlEngine = Awaited<ReturnType<typeof compose>> &
  SharedData & {
    config: Config;
    url: string;
    accounts: ReturnType<typeof shopAccounts>;
    serviceAuth: (caller?: string, audience?: string) => { authorization: string };
    close(): Promise<void>;
    restart(more?: Omit<MlEngineOptions, 'reuse'>): Promise<MlEngine>;
    stop(): Promise<void>;
  };

/** What a restarted instance takes over from the one before. */
export interface SharedData {
  prefix: string;
  users: UserServiceProcess;
  db: { url: string; drop: () => Promise<void> };
  storeDir: string;
}

/**
 * ml-engine composed as main.ts composes it, listening on a port of its own, on a PostgreSQL database,
 * an object-store folder and a topic prefix of its own, with a real user-service process for JWKS, API
 * keys and tenants. Training data is read from `TRAINING_DATA_DIR` when given (data-pipeline's folder),
 * else from the same folder. `restart()` composes a new instance on the same data (what a crash leaves).
 */
export async function startMlEngine(opts: MlEngineOptions = {}): Promise<MlEngine> {
  const owned = !opts.reuse;
  const prefix = opts.reuse?.prefix ?? uniqueTopicPrefix();
  const users: UserServiceProcess = opts.reuse?.users ?? (await startUserServiceProcess(prefix));
  const db = opts.reuse?.db ?? (await createTestDatabase('ml_engine'));
  const storeDir = opts.reuse?.storeDir ?? mkdtempSync(path.join(tmpdir(), 'ml-store-'));
  const port = await freePort();
  const redisBase = (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d+$/, '');
  const config: Config = loadMlEngineConfig({
    ...process.env,
    PORT: String(port),
    DATABASE_URL: db.url,
    REDIS_URL: `${redisBase}/4`,
    OBJECT_STORE_DIR: storeDir,
    USER_SERVICE_URL: users.url,
    KAFKA_TOPIC_PREFIX: prefix,
    CONSUMER_GROUP: 'ml-engine',
    USAGE_FLUSH_MS: '200',
    ...opts.env,
  });
  const logger = opts.logger ?? createLogger('ml-engine', 'silent');
  const metrics = createMetrics('ml-engine', { defaults: false });
  const svc = await compose({ config, logger, metrics }, { startBackground: opts.startBackground ?? true });
  const server: Server = await new Promise((resolve) => {
    const s = svc.app.listen(port, '127.0.0.1', () => resolve(s));
  });
  const tokens = createServiceTokens(config.SERVICE_TOKEN_SECRET);
  let closed = false;
  /** Stops this instance (server, consumers, connections) and leaves the data. */
  const close = async () => {
    if (closed) return;
    closed = true;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runClosers(svc.closers, logger);
  };
  const instance: MlEngine = {
    ...svc,
    config,
    url: `http://127.0.0.1:${port}`,
    prefix,
    users,
    db,
    storeDir,
    accounts: shopAccounts(users.url),
    /** `Authorization` of another service of the platform calling `/internal/*`. */
    serviceAuth: (caller = 'order-service', audience = 'ml-engine') => bearer(tokens.token(caller, audience)),
    close,
    /** A new instance on the same database, store, topics and user-service. */
    restart: async (more = {}) => {
      await close();
      const reuse = { prefix, users, db, storeDir };
      return startMlEngine({ ...more, env: { ...opts.env, ...more.env }, reuse });
    },
    /** Stops everything this instance owns (not what it reused). */
    stop: async () => {
      await close();
      if (!owned) return;
      await users.stop();
      await db.drop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
  return instance;
}
