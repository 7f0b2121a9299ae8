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
    if (
      appError.code === 'RATE_LIMIT_EXCEEDED' &&
      typeof appError.details?.retry_after_seconds === 'number'
    ) {
      res.setHeader('Retry-After', String(appError.details.retry_after_seconds));
    }
    const requestId = currentContext()?.request_id ?? String(res.getHeader('X-Request-Id') ?? 'unknown');
    res.status(appError.status).json(errorEnvelope(appError, requestId));
  };
