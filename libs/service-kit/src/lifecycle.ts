import { type Server } from 'node:http';
import { type Express } from 'express';
import { toAppError } from './errors/error-envelope';
import { type HealthState } from './http/health';
import { createLogger, type Logger } from './observability/logger';
import { createMetrics, type Metrics } from './observability/metrics';

export type Closer = () => Promise<unknown> | unknown;

/** Starts listening; resolves once the port is bound. */
export function listen(app: Express, port: number, host = '0.0.0.0'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/**
 * SIGTERM/SIGINT: stop being ready, stop accepting, finish in-flight work, then run the closers
 * (consumers before producers before pools) and exit. A second signal exits at once.
 */
export function shutdownOn(opts: {
  logger: Logger;
  health?: HealthState;
  server?: Server;
  closers: Closer[];
  graceMs?: number;
}): void {
  const { logger, health, server, closers, graceMs = 10_000 } = opts;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info('Shutting down', { signal });
    if (health) health.draining = true;
    const force = setTimeout(() => process.exit(1), graceMs + 5000).unref();
    if (server) await Promise.race([closeServer(server), new Promise((r) => setTimeout(r, graceMs))]);
    await runClosers(closers, logger);
    clearTimeout(force);
    logger.info('Stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** Runs the closers in order; one that fails is logged and does not stop the rest. */
export async function runClosers(closers: Closer[], logger: Logger): Promise<void> {
  for (const close of closers) {
    await Promise.resolve()
      .then(close)
      .catch((err: unknown) => logger.warn('Close failed', { error: err }));
  }
}

/** The last line of defence: log what escaped every handler (as the error handler would map it) and exit. */
export function exitOnUnhandled(logger: Logger): void {
  const die = (kind: string) => (err: unknown) => {
    const appError = toAppError(err);
    logger.error(`${kind}: ${appError.message}`, { code: appError.code, error: err });
    process.exit(1);
  };
  process.on('unhandledRejection', die('Unhandled rejection'));
  process.on('uncaughtException', die('Uncaught exception'));
}

/** What a service's composition function gets: its checked config, its logger and its metrics. */
export interface ServiceContext<C> {
  config: C;
  logger: Logger;
  metrics: Metrics;
}

export interface Started {
  app: Express;
  health: HealthState;
  /** Run in order on shutdown, after the server stops accepting: consumers, producers, then pools. */
  closers: Closer[];
}

/**
 * A service's `main`: load and check its config, set up logs and metrics, let `start` connect and
 * build the app, listen, and shut down cleanly on SIGTERM. A failure to start exits 1 with the reason.
 */
export function runService<C extends { LOG_LEVEL: string; PORT: number }>(
  name: string,
  loadConfig: () => C,
  start: (ctx: ServiceContext<C>) => Promise<Started>,
): void {
  const main = async () => {
    const config = loadConfig();
    const logger = createLogger(name, config.LOG_LEVEL);
    exitOnUnhandled(logger);
    const metrics = createMetrics(name);
    const { app, health, closers } = await start({ config, logger, metrics });
    const server = await listen(app, config.PORT);
    logger.info(`${name} listening`, { port: config.PORT });
    shutdownOn({ logger, health, server, closers });
  };
  main().catch((err: unknown) => {
    process.stderr.write(`${name} failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
