// Pact fixtures for the consumers of user-service (tests only: @platform/clients/testing).
export * from './user-service-pact';
export * from './user-service-auth-pact';
export * from './test-only-signing-key';
