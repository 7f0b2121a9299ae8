import { authenticate, createServiceTokens } from '@platform/auth';
import { accessTokenVerifier } from '@platform/clients';
import { BreakerRegistry, ServiceClient } from '@platform/resilience';
import { createService, type ServiceContext, type Started } from '@platform/service-kit';
import { type Config, upstreamUrls } from './config';
import { gateway } from './gateway/gateway';
import { mlRouter } from './ml/ml.routes';
import { pagesCheck, pagesRouter, publicDir } from './pages/pages';
import { securityHeaders } from './pages/security-headers';
import { sessionRouter } from './session/session.routes';

/** The web app's server: the gateway to the services, its session and dashboard endpoints, and the pages. */
export async function compose({ config, logger, metrics }: ServiceContext<Config>): Promise<Started> {
  const registry = new BreakerRegistry(metrics);
  const call = { timeoutMs: config.HTTP_TIMEOUT_MS, breaker: { resetTimeoutMs: config.BREAKER_RESET_MS } };
  const userService = new ServiceClient({
    name: 'user_service',
    baseUrl: config.USER_SERVICE_URL,
    registry,
    ...call,
  });
  const mlEngine = new ServiceClient({
    name: 'ml_engine',
    baseUrl: config.ML_ENGINE_URL,
    registry,
    ...call,
    serviceToken: {
      tokens: createServiceTokens(config.SERVICE_TOKEN_SECRET),
      caller: 'web',
      audience: 'ml-engine',
    },
  });
  const verifyAccessToken = accessTokenVerifier(config, logger);
  const pages = publicDir(config.PUBLIC_DIR);

  const { app, health } = createService({
    name: 'web',
    version: config.SERVICE_VERSION,
    logger,
    metrics,
    checks: [pagesCheck(pages)],
    trustProxy: config.TRUST_PROXY,
    beforeBody: [
      securityHeaders({ https: (req) => req.secure }),
      gateway({ upstreams: upstreamUrls(config), timeoutMs: config.PROXY_TIMEOUT_MS, logger, metrics }),
    ],
    routes: [
      sessionRouter({
        userService,
        verifyAccessToken,
        refreshTtlSeconds: config.REFRESH_TOKEN_TTL_DAYS * 86_400,
      }),
      mlRouter(mlEngine, authenticate({ verifyAccessToken })),
      pagesRouter(pages),
    ],
  });
  return { app, health, closers: [] };
}
