/**
 * The one routing table of the platform's public edge: which service answers which public path. The web
 * app's server routes the browser's API calls with it (one origin, no CORS), compose's gateway is that
 * same server, and k8s/base/ingress.yaml is generated from it (`nx run gateway:ingress`; a test keeps the
 * committed file equal to the generated one).
 *
 * Matching is Kubernetes Ingress matching, so the three agree: an `exact` route wins over any `prefix`
 * one, then the longest prefix, compared by whole path segments (`/api/items` matches `/api/items` and
 * `/api/items/42`, never `/api/itemsX`). What no route matches goes to the web app itself.
 *
 * What is deliberately not routed (see PRIVATE_PATHS): `/internal/*` (service tokens, inside the cluster
 * only) and each instance's probes, metrics, OpenAPI document and breaker status, which the kubelet,
 * Prometheus and developers reach on the service itself.
 */
export const UPSTREAMS = [
  'user-service',
  'order-service',
  'payment-service',
  'notification-worker',
  'ml-engine',
  'data-pipeline',
  'web',
] as const;
export type Upstream = (typeof UPSTREAMS)[number];

export interface Route {
  path: string;
  match: 'exact' | 'prefix';
  service: Upstream;
  /** How long the service may take to answer (default: the web server's PROXY_TIMEOUT_MS). */
  timeoutMs?: number;
}

const prefix = (service: Upstream, ...paths: string[]): Route[] =>
  paths.map((path) => ({ path, match: 'prefix', service }));
const exact = (service: Upstream, ...paths: string[]): Route[] =>
  paths.map((path) => ({ path, match: 'exact', service }));

export const ROUTES: readonly Route[] = [
  ...prefix(
    'user-service',
    '/api/v1/auth',
    '/api/v1/tenant',
    '/api/v1/api-keys',
    '/api/users',
    '/.well-known',
  ),
  ...prefix(
    'order-service',
    '/api/items',
    '/api/cart',
    '/api/wishlist',
    '/api/orders',
    '/api/promo-codes',
    '/api/webhooks/supplier',
  ),
  // a full supplier sync answers once every product is in (minutes for thousands of products)
  { path: '/api/catalog', match: 'prefix', service: 'order-service', timeoutMs: 10 * 60_000 },
  ...prefix('payment-service', '/api/payments', '/api/wallet', '/api/webhooks/payment-gateway'),
  // POST /api/v1/items (an upload) is data-pipeline's; /api/v1/items/{id}/… (embeddings) are ml-engine's
  ...exact('data-pipeline', '/api/v1/items'),
  ...prefix(
    'data-pipeline',
    '/api/v1/interactions',
    '/api/v1/usage',
    '/api/v1/producers',
    '/api/v1/events',
    '/api/v1/consumers',
    '/api/v1/health',
  ),
  ...prefix('ml-engine', '/api/v1/items', '/api/v1/recommendations'),
  // the web app's own server: its session endpoints and the dashboard's calls it makes for the browser
  ...prefix('web', '/web-api'),
];

/**
 * Documented paths no public route reaches, on purpose, with why. A test checks every path of every
 * committed OpenAPI document is either routed to the service that documents it or matched here.
 */
export const PRIVATE_PATHS: readonly { pattern: RegExp; why: string }[] = [
  {
    pattern: /^\/internal(\/|$)/,
    why: 'service-to-service calls with service tokens, inside the cluster only',
  },
  { pattern: /^\/(health|ready)$/, why: 'probes of one instance (kubelet, devstack)' },
  { pattern: /^\/metrics$/, why: 'scraped by Prometheus from each instance' },
  {
    pattern: /^\/(openapi\.json|docs)$/,
    why: 'each service documents itself (committed under contracts/openapi/)',
  },
  { pattern: /^\/api\/circuit-breaker\/status$/, why: "one instance's breakers (every service has its own)" },
];
