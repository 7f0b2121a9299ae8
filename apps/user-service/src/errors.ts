import { USER_ERRORS } from '@platform/contracts';
import { AppError, Errors } from '@platform/service-kit';

/** user-service's error codes (seed 001, seed 002 §8). */
export const UserErrors = {
  emailTaken: () => new AppError({ code: 'USER_001', status: 409, message: USER_ERRORS.USER_001 }),
  usernameTaken: () => new AppError({ code: 'USER_002', status: 409, message: USER_ERRORS.USER_002 }),
  invalidVerificationToken: () =>
    new AppError({ code: 'USER_003', status: 400, message: USER_ERRORS.USER_003 }),
  /** Also for users the caller may not see: whether the id exists is not revealed. */
  notFound: () => new AppError({ code: 'USER_004', status: 404, message: USER_ERRORS.USER_004 }),
  /** The same answer for an unknown e-mail and a wrong password. */
  badCredentials: () => Errors.unauthenticated('Invalid email or password'),
  badRefreshToken: () => Errors.unauthenticated('Invalid refresh token'),
  apiKeyNotFound: () => Errors.notFound('API key not found'),
  tenantNotFound: () => Errors.notFound('Tenant not found'),
};
