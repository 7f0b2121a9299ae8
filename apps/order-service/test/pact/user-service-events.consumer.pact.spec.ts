import { TOPICS } from '@platform/contracts';
import { consumerPact, envelope, isoTime, MatchersV3 } from '@platform/pact';
import { addToCart, addToWishlist, newItem } from '../carts-fixtures';
import { guest, startOrderService, type OrderService } from '../harness';

const { uuid, like } = MatchersV3;
// ids are any value of their shape; the examples are fixed so the pact file stays stable
const TENANT = '5f0c2f3e-6d1b-4c61-9a51-3f1e0d7a2b10';
const USER = '3d6f8a1c-2b4e-4c7d-9f0a-1e2b3c4d5e6f';
const SESSION = 's_4f3c2b1a0e9d8c7b';

describe('order-service (carts) ← user-service events (message pact)', () => {
  const pact = consumerPact('order-service', 'user-service');
  let svc: OrderService;

  // the consumer is delivered to directly: nothing needs to run in the background
  beforeAll(async () => void (svc = await startOrderService({ startBackground: false })));
  afterAll(() => svc?.stop());

  it("moves the guest's cart and wishlist to the user on UserLoggedIn with the guest's session", async () => {
    // the guest visit named by the example: a cart line and a wishlist entry in the example's shop
    const item = await newItem(svc, TENANT, { stock: 5 });
    await addToCart(svc, guest(TENANT, SESSION), item, 2).expect(200);
    await addToWishlist(svc, guest(TENANT, SESSION), item).expect(201);
    const { deps } = svc.svc.carts;
    const lists = (name: 'carts' | 'wishlists', owner: `user:${string}` | `session:${string}`) =>
      deps[name].find(TENANT, owner);

    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a UserLoggedIn event for a guest session', (b) =>
        b
          .withJSONContent(
            envelope({
              eventId: '9b2d4f6a-8c0e-4a1b-b3d5-f7a9c1e3b5d7',
              eventType: 'UserLoggedIn',
              aggregateId: USER,
              aggregateType: 'user',
              occurredAt: isoTime('2026-01-05T10:00:00.000Z'),
              tenantId: TENANT, // whose shop the guest visited
              data: {
                user_id: uuid(USER),
                session_id: like(SESSION),
                logged_in_at: isoTime('2026-01-05T10:00:00.000Z'),
              },
            }),
          )
          .withMetadata({ topic: TOPICS.userEvents }),
      )
      .executeTest(async (m) => {
        const outcome = await svc.svc.carts.consumer.deliver(
          m.metadata.topic as string,
          JSON.stringify(m.contents.content),
        );
        expect(outcome).toBe('handled');
        const cart = await lists('carts', `user:${USER}`);
        expect(cart?.entries).toEqual([expect.objectContaining({ item_id: item, quantity: 2 })]);
        const wishlist = await lists('wishlists', `user:${USER}`);
        expect(wishlist?.entries).toEqual([expect.objectContaining({ item_id: item })]);
        // the guest's documents are gone: the session starts empty again
        expect(await lists('carts', `session:${SESSION}`)).toBeNull();
        expect(await lists('wishlists', `session:${SESSION}`)).toBeNull();
      });
  });
});
