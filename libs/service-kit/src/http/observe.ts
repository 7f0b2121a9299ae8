import { type Request, type RequestHandler } from 'express';
import { type Logger } from '../observability/logger';
import { type Metrics } from '../observability/metrics';

const QUIET = new Set(['/health', '/ready', '/metrics']);

/** The route pattern, not the raw path, so metrics do not get one series per user id. */
const endpointOf = (req: Request): string =>
  req.route?.path !== undefined ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';

/** Access log and the http_* metrics for every request. */
export const observe =
  (logger: Logger, metrics: Metrics): RequestHandler =>
  (req, res, next) => {
    const start = process.hrtime.bigint();
    const { service } = metrics;
    metrics.httpConnections.inc({ service });
    res.once('close', () => {
      metrics.httpConnections.dec({ service });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const endpoint = endpointOf(req);
      const status_code = String(res.statusCode);
      metrics.httpRequests.inc({ service, method: req.method, endpoint, status_code });
      metrics.httpDuration.observe({ service, method: req.method, endpoint }, seconds);
      if (res.statusCode >= 400) {
        metrics.httpErrors.inc({
          service,
          endpoint,
          error_type: String(res.locals.errorCode ?? status_code),
        });
      }
      if (QUIET.has(req.path)) return;
      logger.info('Request processed', {
        method: req.method,
        endpoint,
        status_code: res.statusCode,
        duration_ms: Math.round(seconds * 1000),
      });
    });
    next();
  };
