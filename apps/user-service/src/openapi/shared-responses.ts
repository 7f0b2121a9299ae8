/**
 * user-service authenticates every request that carries a credential, public routes included: a
 * present but invalid, expired or revoked one is a 401 there too, never silently ignored.
 */
export const PRESENTED_CREDENTIAL =
  'AUTHENTICATION_FAILED: a credential was presented and is invalid, expired or revoked (send none to call anonymously)';
