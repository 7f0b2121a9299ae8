import './env';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { PACT_DIR } from './paths';

/**
 * The pact between a consumer and a provider (V4: HTTP and Kafka messages in one file). Interactions
 * merge into `contracts/pacts/<consumer>-<provider>.json`; the `pact-consumer` target deletes the
 * consumer's files first, so an expectation removed from a test leaves the contract too.
 */
export function consumerPact(consumer: string, provider: string): PactV4 {
  return new PactV4({
    consumer,
    provider,
    dir: PACT_DIR,
    logLevel: 'warn',
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  });
}

/** `Authorization: Bearer <a JWT>`: the provider's verification puts a fresh valid token in its place. */
export const bearerToken = () =>
  MatchersV3.regex(
    '^Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
    'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln',
  );
