import { existsSync } from 'node:fs';
import path from 'node:path';
import { dataDir, logFile, repoRoot } from './paths';
import { isAlive, readPid, spawnServer, stopServer } from './process';
import { stackEnv } from './stack';
import { waitFor } from './wait';

/**
 * The six services and their REST ports (docs/architecture.md), then the web app (the storefront, the
 * dashboard and the gateway in front of the six): last, so `npm run up` starts it once they are ready.
 */
export const SERVICES = {
  'order-service': 3001,
  'user-service': 3002,
  'payment-service': 3003,
  'notification-worker': 3004,
  'ml-engine': 8001,
  'data-pipeline': 8002,
  web: 3000,
} as const;
export type ServiceName = keyof typeof SERVICES;
export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

/** Each service's settings for the devstack servers; `ports` moves services (tests use free ports). */
export function serviceEnv(
  name: ServiceName,
  ports: Partial<Record<ServiceName, number>> = {},
): Record<string, string> {
  const infra = stackEnv();
  const port = (s: ServiceName) => String(ports[s] ?? SERVICES[s]);
  const own: Record<ServiceName, Record<string, string>> = {
    'user-service': { DATABASE_URL: `${infra.POSTGRES_URL}/user_service` },
    'order-service': {
      MONGO_URL: `${infra.MONGO_URL}/order_service`,
      USER_SERVICE_URL: `http://127.0.0.1:${port('user-service')}`,
    },
    // payment-service and notification-worker keep their data in logical databases of their own: their
    // keys never meet order-service's cache (database 0)
    'payment-service': {
      REDIS_URL: `${infra.REDIS_URL}/1`,
      ORDER_SERVICE_URL: `http://127.0.0.1:${port('order-service')}`,
      USER_SERVICE_URL: `http://127.0.0.1:${port('user-service')}`,
    },
    'notification-worker': { REDIS_URL: `${infra.REDIS_URL}/2` },
    'ml-engine': {
      DATABASE_URL: `${infra.POSTGRES_URL}/ml_engine`,
      REDIS_URL: `${infra.REDIS_URL}/4`,
      // its own folder for model artifacts and index snapshots; data-pipeline's, read only, for training data
      OBJECT_STORE_DIR: dataDir('ml-artifacts'),
      TRAINING_DATA_DIR: dataDir('object-store'),
      USER_SERVICE_URL: `http://127.0.0.1:${port('user-service')}`,
    },
    'data-pipeline': {
      DATABASE_URL: `${infra.POSTGRES_URL}/data_pipeline`,
      REDIS_URL: `${infra.REDIS_URL}/3`,
      // The local folder is the object store of `npm run up` (issue 9). To use devstack's S3 server
      // (versitygw) instead, set S3_BUCKET: `S3_BUCKET=platform-test npm run up` (that bucket exists;
      // the environment of `up` reaches the services). S3_ENDPOINT, S3_REGION and the development
      // keys come from the stack's settings (infra) above; without S3_BUCKET they are not used.
      OBJECT_STORE_DIR: dataDir('object-store'),
      USER_SERVICE_URL: `http://127.0.0.1:${port('user-service')}`,
    },
    // the gateway's upstreams: where each of the six answers
    web: {
      USER_SERVICE_URL: `http://127.0.0.1:${port('user-service')}`,
      ORDER_SERVICE_URL: `http://127.0.0.1:${port('order-service')}`,
      PAYMENT_SERVICE_URL: `http://127.0.0.1:${port('payment-service')}`,
      NOTIFICATION_WORKER_URL: `http://127.0.0.1:${port('notification-worker')}`,
      ML_ENGINE_URL: `http://127.0.0.1:${port('ml-engine')}`,
      DATA_PIPELINE_URL: `http://127.0.0.1:${port('data-pipeline')}`,
    },
  };
  return { ...infra, NODE_ENV: 'development', PORT: port(name), ...own[name] };
}

const bundle = (name: ServiceName) => path.join(repoRoot, 'dist/apps', name, 'main.js');
const processName = (name: ServiceName, instance?: string) => `svc-${name}${instance ? `-${instance}` : ''}`;

export interface RunningService {
  name: ServiceName;
  port: number;
  url: string;
  /** Its output (appended to across starts of the same name and instance). */
  log: string;
  alive(): boolean;
  stop(): Promise<void>;
  /** SIGKILL, no shutdown at all: what a crash leaves behind (tests of recovery). */
  kill(): Promise<void>;
}

/** Starts a built service (dist/apps/<name>/main.js) as its own process and waits until /ready says so. */
export async function startService(
  name: ServiceName,
  opts: {
    port?: number;
    env?: Record<string, string>;
    instance?: string;
    timeoutMs?: number;
    nodeArgs?: string[];
  } = {},
): Promise<RunningService> {
  if (!existsSync(bundle(name))) throw new Error(`${bundle(name)} is missing: run npx nx run ${name}:build`);
  const port = opts.port ?? SERVICES[name];
  const proc = processName(name, opts.instance);
  const env = { ...serviceEnv(name), PORT: String(port), ...opts.env };
  // libs/telemetry's instrument.js first, as the image runs it (a bundle built before it existed has none)
  const instrument = path.join(path.dirname(bundle(name)), 'instrument.js');
  const preload = existsSync(instrument) ? ['--require', instrument] : [];
  spawnServer(
    proc,
    process.execPath,
    ['--enable-source-maps', ...preload, ...(opts.nodeArgs ?? []), bundle(name)],
    {
      env,
      cwd: repoRoot,
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(name, async () => (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1000) })).ok, {
    timeoutMs: opts.timeoutMs ?? 60_000,
    failed: () => exitedMessage(proc),
  });
  const pid = readPid(proc);
  return {
    name,
    port,
    url,
    log: logFile(proc),
    alive: () => pid !== undefined && isAlive(pid),
    stop: () => stopServer(proc).then(() => undefined),
    kill: () => stopServer(proc, 5_000, 'SIGKILL').then(() => undefined),
  };
}

function exitedMessage(proc: string): string | undefined {
  const pid = readPid(proc);
  return pid !== undefined && !isAlive(pid) ? `exited; see .devstack/logs/${proc}.log` : undefined;
}

/** Stops every service process devstack started (npm run down). */
export async function stopServices(): Promise<void> {
  await Promise.all(SERVICE_NAMES.map((n) => stopServer(processName(n))));
}
