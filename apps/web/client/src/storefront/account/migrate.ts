import { ApiError } from '../../api/errors';

/**
 * Moves the guest visit's cart and wishlist to the account just signed in to (POST /api/cart/migrate).
 * Harmless when the login already moved it (UserLoggedIn) or the visit had nothing: the service then
 * answers 404 "no cart or wishlist items", which is success here. Anything else is the caller's error.
 */
export async function moveGuestVisit(
  post: (path: string, body: unknown) => Promise<unknown>,
  sessionId: string,
): Promise<'moved' | 'nothing'> {
  try {
    await post('/api/cart/migrate', { session_id: sessionId });
    return 'moved';
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return 'nothing';
    throw err;
  }
}
