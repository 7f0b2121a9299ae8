import { TEST_CARDS } from '../../simulators/payment-gateway/test-cards';

export type SecretKind =
  'password' | 'card-number' | 'cvv' | 'api-key' | 'verification-token' | 'refresh-token' | 'jwt';

/**
 * Shorter values are not searched for as text: a CVV such as `123` or a six-letter password is in
 * every log by chance. The field patterns (`"cvv":"123"`) still catch them where they are named.
 */
export const MIN_KNOWN_LENGTH = 8;

// On globalThis: one registry per test file (Jest gives each file its own global), whichever copy of
// this module a helper was loaded through.
const KEY = Symbol.for('platform.devstack.known-secrets');
type Registry = Map<string, SecretKind>;
const registry = (): Registry => {
  const g = globalThis as { [KEY]?: Registry };
  if (!g[KEY]) g[KEY] = new Map(Object.keys(TEST_CARDS).map((n) => [n, 'card-number' as const]));
  return g[KEY];
};

/** Records a secret a test helper created or sent, so the scan can find it verbatim anywhere. */
export function rememberSecret<T extends string | undefined>(kind: SecretKind, value: T): T {
  if (value) registry().set(value, kind);
  return value;
}

/** The known secrets long enough to search for as text (the gateway's test card numbers always). */
export function knownSecrets(): ReadonlyMap<string, SecretKind> {
  return new Map([...registry()].filter(([v]) => v.length >= MIN_KNOWN_LENGTH));
}
