import { ApiError } from '../../api/errors';
import { moveGuestVisit } from './migrate';

describe('moveGuestVisit', () => {
  it('posts the visit to /api/cart/migrate', async () => {
    const calls: [string, unknown][] = [];
    const out = await moveGuestVisit(async (path, body) => {
      calls.push([path, body]);
      return { session_id: 'guest-1', cart: null, wishlist: null };
    }, 'guest-12345678');
    expect(out).toBe('moved');
    expect(calls).toEqual([['/api/cart/migrate', { session_id: 'guest-12345678' }]]);
  });

  it('takes a 404 (already moved at login, or nothing to move) as done', async () => {
    const out = await moveGuestVisit(async () => {
      throw new ApiError(404, 'NOT_FOUND', 'no cart or wishlist items');
    }, 'guest-12345678');
    expect(out).toBe('nothing');
  });

  it('passes any other failure on', async () => {
    await expect(
      moveGuestVisit(async () => {
        throw new ApiError(503, 'SERVICE_UNAVAILABLE', 'down');
      }, 'guest-12345678'),
    ).rejects.toMatchObject({ status: 503 });
  });
});
