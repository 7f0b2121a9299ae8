import express, { type Express, type Request, type RequestHandler, type Router } from 'express';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { healthRouter, type HealthCheck, type HealthState } from './http/health';
import { observe } from './http/observe';
import { methodNotAllowed } from './http/route-list';
import { requestContext } from './http/request-context';
import { type Logger } from './observability/logger';
import { type Metrics } from './observability/metrics';

export interface ServiceOptions {
  name: string;
  version: string;
  logger: Logger;
  metrics: Metrics;
  checks: HealthCheck[];
  /** The service's own routes, mounted after the common middleware and before the error handler. */
  routes?: Router[];
  /** The largest JSON body (default 1 MB). */
  bodyLimit?: string;
  /**
   * A larger limit for the few routes that take bulk uploads, by exact request path (e.g. a batch of
   * 10,000 records), so the rest of the service keeps the small default.
   */
  largeBodies?: { paths: readonly string[]; limit: string };
  /** Express's `trust proxy` (which X-Forwarded-For hops to believe for `req.ip`); `loopback` by default. */
  trustProxy?: boolean | number | string;
  /**
   * Which requests keep the exact bytes of their JSON body as `rawBody(req)` (signed webhooks verify
   * those, not a re-serialisation); by request path, e.g. `(p) => p.startsWith('/api/webhooks/')`.
   */
  keepRawBody?: (path: string) => boolean;
  /**
   * Handlers mounted before the JSON body parser (after the request id, the access log and metrics), for
   * requests whose body must stay an unread stream: a gateway that proxies them byte for byte.
   */
  beforeBody?: RequestHandler[];
}

const RAW_BODY = Symbol('rawBody');

/** The exact JSON body bytes of a request createService was told to keep (`keepRawBody`), else undefined. */
export const rawBody = (req: Request): Buffer | undefined =>
  (req as unknown as { [RAW_BODY]?: Buffer })[RAW_BODY];

export interface Service {
  app: Express;
  health: HealthState;
}

/** An Express app with everything every service shares (docs/architecture.md); no listen (tests import it). */
export function createService(opts: ServiceOptions): Service {
  const health: HealthState = { draining: false };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', opts.trustProxy ?? 'loopback');
  app.use(requestContext());
  app.use(observe(opts.logger, opts.metrics));
  app.use(healthRouter(opts.checks, opts.version, health));
  app.get('/metrics', async (_req, res) => {
    res.type(opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
  });
  for (const handler of opts.beforeBody ?? []) app.use(handler);
  const keep = opts.keepRawBody;
  const json = (limit: string) =>
    express.json({
      limit,
      verify: keep
        ? (req, _res, buf) => {
            const r = req as unknown as Request & { [RAW_BODY]?: Buffer };
            if (keep(r.path ?? new URL(r.url ?? '/', 'http://x').pathname)) r[RAW_BODY] = buf;
          }
        : undefined,
    });
  const parseJson = json(opts.bodyLimit ?? '1mb');
  const large = opts.largeBodies;
  if (!large) app.use(parseJson);
  else {
    const paths = new Set(large.paths);
    const parseLarge = json(large.limit);
    app.use((req, res, next) => (paths.has(req.path) ? parseLarge : parseJson)(req, res, next));
  }
  for (const router of opts.routes ?? []) app.use(router);
  app.use(methodNotAllowed(app)); // a known path with another method: 405 + Allow, not 404
  app.use(notFoundHandler());
  app.use(errorHandler(opts.logger));
  return { app, health };
}
