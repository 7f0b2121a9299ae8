import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Socket } from 'node:net';
import { findRoute, PRIVATE_PATHS, upstreamFor, type Upstream } from '@platform/gateway';
import { AppError, Errors, errorEnvelope, type Logger, type Metrics } from '@platform/service-kit';
import { type Request, type RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { Counter } from 'prom-client';

export type ServiceUpstream = Exclude<Upstream, 'web'>;

export interface GatewayOptions {
  /** Where each service answers. */
  upstreams: Record<ServiceUpstream, string>;
  /** How long a service may take to answer before the caller gets a 504. */
  timeoutMs: number;
  logger: Logger;
  metrics: Metrics;
}

/** API-looking paths: when no route gives them to a service they are a 404 envelope, never the SPA page. */
const API_PATH = /^\/(api|internal|\.well-known)(\/|$)/;
/** `.` and `..` segments (raw or percent-encoded) could reach another route upstream after normalising. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;
const ENCODED_SLASH = /%2f|%5c/i;

/** Requests whose upstream took longer than the gateway's timeout (their error is a 504). */
export const timedOut = new WeakSet<IncomingMessage>();

/**
 * A proxy error as the platform's envelope (code SERVICE_UNAVAILABLE, which the pages put in words): too
 * slow is 504, refused or unreachable 503, a broken answer 502; `details.reason` says which.
 */
export function proxyFailure(
  err: Error & { code?: string },
  req: IncomingMessage,
  service: string,
): AppError {
  const [status, reason, message] = timedOut.has(req)
    ? [504, 'timeout', `${service} did not answer in time`]
    : ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(err.code ?? '')
      ? [503, 'unreachable', `${service} is unavailable`]
      : [502, 'bad_response', `${service} failed to answer`];
  return new AppError({
    code: 'SERVICE_UNAVAILABLE',
    status,
    message,
    retriable: true,
    details: { dependency: service, reason },
  });
}

function proxyTo(service: ServiceUpstream, target: string, opts: GatewayOptions) {
  return createProxyMiddleware<IncomingMessage, ServerResponse>({
    target,
    changeOrigin: false,
    xfwd: true,
    on: {
      proxyReq: (proxyReq, req, res) => {
        const requestId = res.getHeader('X-Request-Id');
        if (typeof requestId === 'string') proxyReq.setHeader('X-Request-Id', requestId);
        const timeoutMs = findRoute((req as Request).path ?? req.url ?? '/')?.timeoutMs ?? opts.timeoutMs;
        proxyReq.setTimeout(timeoutMs, () => {
          timedOut.add(req);
          proxyReq.destroy();
        });
      },
      error: (err, req, res) => {
        const failure = proxyFailure(err, req, service);
        opts.logger.warn('Gateway upstream failed', {
          upstream: service,
          code: failure.code,
          error: (err as { code?: string }).code ?? err.message,
        });
        if (!('writeHead' in res)) return (res as Socket).destroy();
        if (res.headersSent) return void res.destroy();
        const requestId = String(res.getHeader('X-Request-Id') ?? 'unknown');
        res.writeHead(failure.status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(errorEnvelope(failure, requestId)));
      },
    },
  });
}

/**
 * The one origin's gateway: a request whose path the routing table (libs/gateway) gives to a service is
 * streamed to it as it came (mounted before any body parser: signed webhooks keep their bytes), with
 * X-Forwarded-* and the request id. Private paths and API paths no route serves are 404 envelopes;
 * everything else is the web app's own (its endpoints and pages).
 */
export function gateway(opts: GatewayOptions): RequestHandler {
  const proxies = Object.fromEntries(
    Object.entries(opts.upstreams).map(([service, url]) => [
      service,
      proxyTo(service as ServiceUpstream, url, opts),
    ]),
  ) as Record<ServiceUpstream, ReturnType<typeof proxyTo>>;

  // the access log's metrics see a proxied request as `unmatched`: this counts them by upstream
  const proxied = new Counter({
    name: 'gateway_requests_total',
    help: 'Requests the gateway proxied, by upstream service and answer status',
    labelNames: ['upstream', 'status_code'],
    registers: [opts.metrics.registry],
  });

  return (req: Request, res, next) => {
    const path = req.path;
    if (DOT_SEGMENT.test(path) || ENCODED_SLASH.test(path))
      return next(Errors.validation('The request path is not in normal form'));
    if (PRIVATE_PATHS.some((p) => p.pattern.test(path)) && API_PATH.test(path))
      return next(Errors.notFound(`No route for ${req.method} ${path}`));
    const upstream = upstreamFor(path);
    if (upstream === 'web') {
      if (API_PATH.test(path)) return next(Errors.notFound(`No route for ${req.method} ${path}`));
      return next();
    }
    res.once('finish', () => proxied.inc({ upstream, status_code: String(res.statusCode) }));
    void proxies[upstream](req, res, next);
  };
}
