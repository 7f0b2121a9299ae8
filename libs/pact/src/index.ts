export { bearerToken, consumerPact } from './consumer';
export {
  asEnvelope,
  envelope,
  isoTime,
  isoTimestamp,
  ISO_TIME,
  readdress,
  type EnvelopeExample,
  type ExampleEnvelope,
  type Readdress,
} from './envelope';
export {
  EXAMPLE_ORDER_ID,
  exampleItemId,
  itemEvent,
  orderEvent,
  paymentEvent,
  type ItemEventType,
} from './event-examples';
export { serviceTokenClaims, serviceTokenFilter, serviceTokenHeader } from './service-token';
export { verifyProvider, type VerifyProviderOptions } from './provider';
export { PACT_DIR, RESULTS_DIR, pactFilesFor, readPactFiles, type PactFile } from './paths';
export { canIDeploy, pactMatrix, type MatrixRow } from './matrix';
export { type VerificationResult } from './result';
export { MatchersV3, providerWithMetadata } from '@pact-foundation/pact';
export type { MessageProviders } from '@pact-foundation/pact';
export type { StateHandlers } from '@pact-foundation/pact/src/dsl/verifier/proxy/types';
