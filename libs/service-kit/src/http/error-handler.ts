import { type ErrorRequestHandler, type RequestHandler } from 'express';
import { Errors } from '../errors/app-error';
import { errorEnvelope, toAppError } from '../errors/error-envelope';
import { currentContext } from '../observability/context';
import { type Logger } from '../observability/logger';

/** Unknown routes answer in the error envelope too. */
export const notFoundHandler = (): RequestHandler => (req, _res, next) => {
  next(Errors.notFound(`No route for ${req.method} ${req.path}`));
};

/** The one place an error becomes an HTTP response (docs/architecture.md). A 500 shows no internals. */
export const errorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (err, _req, res, _next) => {
    const appError = toAppError(err);
    if (appError.status >= 500) {
      logger.error(appError.message, { code: appError.code, error: appError.cause ?? err });
    }
    res.locals.errorCode = appError.code;
    const retryAfter = appError.details?.retry_after_seconds;
    if (appError.code === 'RATE_LIMIT_EXCEEDED' && typeof retryAfter === 'number') {
      res.setHeader('Retry-After', String(retryAfter));
    } else if (appError.status === 503) {
      // an outage (a datastore, the broker, an open breaker): worth retrying soon
      res.setHeader('Retry-After', typeof retryAfter === 'number' ? String(retryAfter) : '1');
    }
    const requestId = currentContext()?.request_id ?? String(res.getHeader('X-Request-Id') ?? 'unknown');
    res.status(appError.status).json(errorEnvelope(appError, requestId));
  };
