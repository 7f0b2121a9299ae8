import { USER_ERRORS } from '@platform/contracts';
import { AppError } from '@platform/service-kit';

/** user-service's error codes (seed 001). */
export const UserErrors = {
  emailTaken: () => new AppError({ code: 'USER_001', status: 409, message: USER_ERRORS.USER_001 }),
  usernameTaken: () => new AppError({ code: 'USER_002', status: 409, message: USER_ERRORS.USER_002 }),
  invalidVerificationToken: () => new AppError({ code: 'USER_003', status: 400, message: USER_ERRORS.USER_003 }),
  notFound: () => new AppError({ code: 'USER_004', status: 404, message: USER_ERRORS.USER_004 }),
};
