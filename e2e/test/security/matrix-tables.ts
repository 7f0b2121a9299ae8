/**
 * What OpenAPI cannot say about authorization, written down once. An operation in none of these tables
 * is still checked: every documented operation must refuse a request without credentials (401) unless
 * it is listed in PUBLIC with the reason.
 */

/** Operations that serve callers without credentials (`security: []` in their document), and why. */
export const PUBLIC: Record<string, string> = {
  'GET /health': 'liveness probe',
  'GET /ready': 'readiness probe',
  'GET /api/v1/health': "EventFlow's health probe",
  'GET /metrics': "Prometheus' scrape (cluster-internal)",
  'GET /openapi.json': 'the API description',
  'GET /api/circuit-breaker/status': "the breakers' state for operators (no tenant data)",
  'POST /api/v1/auth/register': 'sign-up',
  'POST /api/v1/auth/login': 'sign-in (the password is the credential)',
  'POST /api/v1/auth/refresh': 'the refresh token in the body is the credential',
  'POST /api/v1/auth/logout': 'the refresh token in the body is the credential',
  'GET /.well-known/jwks.json': 'public keys of access tokens',
  'POST /api/users': 'sign-up (a new tenant); an admin adds members with a token',
  'POST /api/users/{user_id}/verify': 'the e-mailed token in the body is the credential',
  'GET /api/items': 'the public catalog: a guest names the shop with X-Tenant-Id',
  'GET /api/items/{item_id}': 'the public catalog: a guest names the shop with X-Tenant-Id',
  'POST /api/webhooks/supplier': 'signed by the supplier (X-Supplier-Signature)',
  'POST /api/webhooks/payment-gateway': 'signed by the payment gateway',
};

/**
 * Operations a `viewer` (a shop's buyer) may not use: they need admin or developer, or the write
 * permission (services' role checks: requireRole, dashboardUser, tenantOf, operationsReader).
 */
export const NOT_FOR_VIEWERS = new Set([
  'POST /api/items',
  'PUT /api/items/{item_id}',
  'DELETE /api/items/{item_id}',
  'POST /api/promo-codes',
  'POST /api/catalog/sync',
  'PUT /api/orders/{order_id}/status',
  'POST /api/payments/{payment_id}/refund',
  'GET /api/users',
  'GET /api/v1/api-keys',
  'POST /api/v1/api-keys',
  'DELETE /api/v1/api-keys/{id}',
  'POST /api/v1/items',
  'GET /api/v1/usage',
  'GET /api/v1/events',
  'POST /api/v1/producers',
  'GET /api/v1/producers',
  'DELETE /api/v1/producers/{id}',
]);

/** Operations only a shop's admin may use: a `developer` gets 403 too. */
export const ADMIN_ONLY = new Set([
  'POST /api/promo-codes',
  'POST /api/catalog/sync',
  'PUT /api/orders/{order_id}/status',
  'POST /api/payments/{payment_id}/refund',
  'GET /api/users',
]);

/** Operations that accept API keys, with the permission each needs (a key with only the other: 403). */
export const KEY_PERMISSION: Record<string, 'read' | 'write'> = {
  'POST /api/v1/items': 'write',
  'POST /api/v1/interactions': 'write',
  'GET /api/v1/usage': 'read',
  'GET /api/v1/events': 'read',
  'POST /api/v1/recommendations': 'read',
  'GET /api/v1/items/{item_id}/similar': 'read',
  'GET /api/v1/items/{item_id}/embedding': 'read',
};
