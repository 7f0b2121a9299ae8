import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Express } from 'express';
import { toAppError } from './errors/error-envelope';
import { type HealthState } from './http/health';
import { flushTraces } from './observability/context';
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

/**
 * Stops accepting and resolves once the requests in flight are answered. From now on every response
 * says `Connection: close`, so keep-alive clients do not hold the server open by reusing their socket.
 */
export function closeServer(server: Server): Promise<void> {
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => res.setHeader('Connection', 'close'));
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ShutdownOptions {
  logger: Logger;
  health?: HealthState;
  server?: Server;
  closers: Closer[];
  /**
   * SIGTERM: how long /ready answers 503 while requests (new ones too) are still served, before the
   * server stops accepting: the load balancer needs that long to notice and route elsewhere.
   */
  drainMs?: number;
  /** How long to wait for the requests in flight once the server stops accepting. */
  graceMs?: number;
  /** Waits `ms` (tests pass their own clock to end the drain when they choose). */
  wait?: (ms: number) => Promise<void>;
}

/**
 * SIGTERM: /ready turns 503 at once; requests are still served for `drainMs`; then the server stops
 * accepting, the requests in flight finish (at most `graceMs`), the closers run (consumers before
 * producers before pools) and the process exits 0. SIGINT (Ctrl-C at a terminal: no load balancer)
 * skips the drain. A second signal exits at once.
 */
export function shutdownOn(opts: ShutdownOptions): void {
  const { logger, health, server, closers, drainMs = 5000, graceMs = 10_000, wait = delay } = opts;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    if (health) health.draining = true;
    const drain = signal === 'SIGTERM' ? drainMs : 0;
    logger.info('Shutting down: not ready, draining', { signal, drain_ms: drain });
    setTimeout(() => process.exit(1), drain + graceMs + 5000).unref();
    if (drain > 0) await wait(drain);
    if (server) {
      const closed = closeServer(server);
      logger.info('Stopped accepting connections; waiting for requests in flight');
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(false), graceMs)),
      );
      const finished = await Promise.race([closed.then(() => true), graceOver]);
      clearTimeout(timer);
      if (!finished) {
        logger.warn('Requests still in flight after the grace period; cutting them');
        server.closeAllConnections();
      }
    }
    await runClosers(closers, logger);
    logger.info('Stopped');
    // the spans of the shutdown itself too (libs/telemetry's exporter batches them)
    await flushTraces();
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
export function runService<
  C extends {
    NODE_ENV?: string;
    LOG_LEVEL: string;
    PORT: number;
    SHUTDOWN_DRAIN_MS?: number;
    SHUTDOWN_GRACE_MS?: number;
  },
>(name: string, loadConfig: () => C, start: (ctx: ServiceContext<C>) => Promise<Started>): void {
  const main = async () => {
    const config = loadConfig();
    const logger = createLogger(name, config.LOG_LEVEL);
    exitOnUnhandled(logger);
    const metrics = createMetrics(name);
    const { app, health, closers } = await start({ config, logger, metrics });
    const server = await listen(app, config.PORT);
    logger.info(`${name} listening`, { port: config.PORT });
    shutdownOn({
      logger,
      health,
      server,
      closers,
      drainMs: config.SHUTDOWN_DRAIN_MS ?? (config.NODE_ENV === 'production' ? 5000 : 0),
      graceMs: config.SHUTDOWN_GRACE_MS,
    });
  };
  main().catch((err: unknown) => {
    process.stderr.write(`${name} failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
