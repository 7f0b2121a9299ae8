export { hashPassword, verifyPassword, DUMMY_HASH } from './password';
export { createSigner, createVerifier, type AccessClaims, type SigningKey, type KeyLookup } from './jwt';
