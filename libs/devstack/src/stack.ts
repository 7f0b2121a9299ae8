import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import lockfile from 'proper-lockfile';
import { elapsed, say } from './log';
import { logFile, stackDir } from './paths';
import { isAlive, readPid } from './process';
import { FerretDbServer } from './servers/ferretdb';
import { KafkaServer } from './servers/kafka';
import { PaymentGatewaySimulatorServer } from './servers/payment-gateway-simulator';
import { PostgresServer } from './servers/postgres';
import { RedisServer } from './servers/redis';
import { S3Server } from './servers/s3';
import { type Server } from './servers/server';
import { SMTP_CATCHER, SmtpServer } from './servers/smtp';
import { SupplierSimulatorServer } from './servers/supplier-simulator';
import { waitFor } from './wait';

const port = (name: string, fallback: number) => Number(process.env[`DEVSTACK_${name}_PORT`] ?? fallback);

/** The shared stack, on the default ports of docs/architecture.md (each can be moved with DEVSTACK_<NAME>_PORT). */
export const stack = {
  postgres: new PostgresServer('postgres', port('POSTGRES', 5432)),
  redis: new RedisServer('redis', port('REDIS', 6379)),
  kafka: new KafkaServer('kafka', port('KAFKA', 9092)),
  ferretdb: new FerretDbServer('ferretdb', port('FERRETDB', 27017)),
  // an S3-compatible object store (versitygw), so the S3 driver is tested against a real server
  s3: new S3Server('s3', port('S3', 9000)),
  smtp: new SmtpServer('smtp', port('SMTP', SMTP_CATCHER.smtpPort), port('MAILDEV', SMTP_CATCHER.webPort)),
  // an outside system order-service calls (catalog sync, stock) and that calls it back (signed webhooks)
  supplier: new SupplierSimulatorServer('supplier-simulator', port('SUPPLIER', 4010)),
  // the card provider payment-service charges through, in its test mode (signed callbacks)
  paymentGateway: new PaymentGatewaySimulatorServer(
    'payment-gateway-simulator',
    port('PAYMENT_GATEWAY', 4020),
  ),
};
const servers: Server[] = Object.values(stack);

/** The databases the services own in the shared PostgreSQL (one each, docs/architecture.md). */
export const SERVICE_DATABASES = ['user_service', 'ml_engine', 'data_pipeline'];

/** Connection settings of the whole stack, as environment variables. */
export function stackEnv(): Record<string, string> {
  return Object.assign({}, ...servers.map((s) => s.env()));
}

/**
 * Starts what is not running yet and waits until every server answers its own protocol. Idempotent.
 * Progress goes to stderr; `quiet` leaves out the "already up" lines (each Jest project's global setup).
 */
export async function up({ quiet = false }: { quiet?: boolean } = {}): Promise<Record<string, string>> {
  mkdirSync(stackDir, { recursive: true });
  const release = await lockfile.lock(stackDir, {
    retries: { retries: 600, minTimeout: 200, maxTimeout: 500 },
    stale: 120_000,
  });
  try {
    await Promise.all(servers.map((s) => ensureRunning(s, { quiet })));
    await createDatabases(SERVICE_DATABASES);
    return stackEnv();
  } finally {
    await release();
  }
}

/**
 * Leaves a server that answers alone, unless devstack started it from another build (FerretDB with an
 * older patch): then the new build is made first and the server swapped, so it is down only to restart.
 */
export async function ensureRunning(
  server: Server,
  { quiet = false, report = say }: { quiet?: boolean; report?: (msg: string) => void } = {},
): Promise<void> {
  const where = `127.0.0.1:${server.port}`;
  if (await answers(server)) {
    const outdated = server.outdated?.();
    if (!outdated) {
      if (!quiet) report(`${server.name} already up on ${where}`);
      return;
    }
    report(`${server.name} is replaced: ${outdated}`);
    await server.install();
    await server.stop();
  } else {
    await server.install();
  }
  const started = Date.now();
  report(`starting ${server.name} …`);
  await server.start();
  await waitFor(server.name, () => server.ready(), { timeoutMs: 120_000, failed: () => exited(server.name) });
  report(`${server.name} ready on ${where} in ${elapsed(started)}`);
}

/** When the process died while starting: why, from the end of its log. */
function exited(name: string): string | undefined {
  const pid = readPid(name);
  if (pid === undefined || isAlive(pid)) return undefined;
  const tail = existsSync(logFile(name))
    ? readFileSync(logFile(name), 'utf8').trim().split('\n').slice(-15)
    : [];
  return `the process exited; ${logFile(name)} ends with:\n${tail.join('\n')}`;
}

async function answers(server: Server): Promise<boolean> {
  return server.ready().catch(() => false);
}

async function createDatabases(names: string[]): Promise<void> {
  const client = new Client({ connectionString: stack.postgres.url('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
    const existing = new Set(rows.map((r) => r.datname));
    for (const name of names.filter((n) => !existing.has(n))) {
      await client.query(`CREATE DATABASE "${name}"`);
    }
  } finally {
    await client.end();
  }
}

/** Stops only the servers devstack started (by their pid files), in reverse order. */
export async function down(): Promise<void> {
  for (const server of [...servers].reverse()) {
    if (readPid(server.name) === undefined) continue;
    await server.stop();
    say(`${server.name} stopped`);
  }
}

export interface ServerStatus {
  name: string;
  port: number;
  pid?: number;
  running: boolean;
  answers: boolean;
}

export async function status(): Promise<ServerStatus[]> {
  return Promise.all(
    servers.map(async (s) => {
      const pid = readPid(s.name);
      return {
        name: s.name,
        port: s.port,
        pid,
        running: pid !== undefined && isAlive(pid),
        answers: await answers(s),
      };
    }),
  );
}
