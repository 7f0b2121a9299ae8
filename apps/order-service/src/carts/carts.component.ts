import { type Broker } from '@platform/messaging';
import { type Cache, type Logger, type Metrics } from '@platform/service-kit';
import { type mongo } from 'mongoose';
import { type ItemsRepository } from '../catalog/items.repository';
import { type CartPort } from '../orders/order-ports';
import { CartCache } from './cart-cache';
import { type CartDeps, type CartEntry, type WishlistEntry } from './cart-deps';
import { cartsRouter } from './carts.routes';
import { changeList } from './change-list';
import { OwnedListsRepository } from './owned-lists.repository';
import { userEventsConsumer } from './user-events.consumer';

export interface CartsComponentDeps {
  database: mongo.Db;
  broker: Broker;
  cache: Cache;
  items: Pick<ItemsRepository, 'findItem' | 'findItems'>;
  logger: Logger;
  metrics: Metrics;
}

/** Carts and wishlists: the router, the UserLoggedIn consumer (migration at login), the port for orders. */
export function cartsComponent(d: CartsComponentDeps) {
  const deps: CartDeps = {
    carts: new OwnedListsRepository<CartEntry>(d.database, 'carts'),
    wishlists: new OwnedListsRepository<WishlistEntry>(d.database, 'wishlists'),
    items: d.items,
    cache: new CartCache(d.cache),
    logger: d.logger,
  };
  const consumer = userEventsConsumer(d.broker, deps, d.metrics);
  /** `{"fromCart": true}` orders read the user's cart and empty it once the order exists. */
  const port: CartPort = {
    async lines(tenantId, userId) {
      const doc = await deps.carts.find(tenantId, `user:${userId}`);
      return (doc?.entries ?? []).map((e) => ({ productId: e.item_id, quantity: e.quantity }));
    },
    async clear(tenantId, userId) {
      await changeList(deps.carts, tenantId, `user:${userId}`, (entries) =>
        entries.length ? [] : undefined,
      );
      await deps.cache.changed([`user:${userId}`], 'cart');
    },
  };
  return {
    deps,
    port,
    consumer,
    routers: [cartsRouter(deps)],
    ensureIndexes: async () => {
      await deps.carts.ensureIndexes();
      await deps.wishlists.ensureIndexes();
    },
    /** For compose.ts' `background`: the consumer of user.events. */
    background: [{ start: () => consumer.start(), stop: () => consumer.stop() }],
  };
}
