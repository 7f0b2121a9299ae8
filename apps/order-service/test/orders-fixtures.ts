import { randomUUID } from 'node:crypto';
import { type OrderResponse } from '@platform/contracts';
import { type mongo } from 'mongoose';
import request from 'supertest';
import { ItemsRepository } from '../src/catalog/items.repository';
import { type OrderDoc, type StoredStatus } from '../src/orders/order-document';
import { bearer, type OrderService } from './harness';

/** An item of the shop in the catalog, straight through the catalog's repository (no catalog routes needed). */
export async function seedItem(
  svc: OrderService,
  tenantId: string,
  { price = 10, stock = 100, currency = 'USD' }: { price?: number; stock?: number; currency?: string } = {},
): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await new ItemsRepository(svc.svc.mongo).insert(
    {
      _id: id,
      tenant_id: tenantId,
      title: `Item ${id.slice(0, 6)}`,
      description: '',
      category: 'games',
      tags: [],
      price_cents: Math.round(price * 100),
      currency,
      stock,
      owner_id: randomUUID(),
      deleted_at: null,
      created_at: now,
      updated_at: now,
    },
    [],
  );
  return id;
}

export async function stockOf(svc: OrderService, itemId: string): Promise<number> {
  const item = await svc.db.collection('items').findOne({ _id: itemId as never });
  return (item as unknown as { stock: number }).stock;
}

/** The orders holding some of the item's stock (its `holds`). */
export async function holdsOf(svc: OrderService, itemId: string): Promise<string[]> {
  const item = await svc.db.collection('items').findOne({ _id: itemId as never });
  return (item as unknown as { holds?: string[] }).holds ?? [];
}

/** A shop with its admin and a member (viewer), and an item. */
export async function shopWithItem(svc: OrderService, item: { price?: number; stock?: number } = {}) {
  const shop = await svc.newShop();
  const member = await svc.addMember(shop.admin, 'viewer');
  const itemId = await seedItem(svc, shop.tenantId, item);
  return { ...shop, member, itemId };
}

/**
 * An order of one line of the shop's item, as createOrder writes it: for tests that write orders
 * themselves (a crash half-way, an order older than some index or list). Expires a minute after it was made.
 */
export function orderDocument(
  shop: { tenantId: string; member: { userId: string }; itemId: string },
  status: StoredStatus,
  {
    quantity = 1,
    createdAt = new Date(),
    expiresAt,
  }: { quantity?: number; createdAt?: Date; expiresAt?: Date } = {},
): OrderDoc {
  const id = randomUUID();
  return {
    _id: id,
    tenant_id: shop.tenantId,
    user_id: shop.member.userId,
    status,
    lines: [{ product_id: shop.itemId, quantity, unit_price: 1000 }],
    currency: 'USD',
    subtotal: quantity * 1000,
    discount: 0,
    total: quantity * 1000,
    idem: `order:${id}`,
    reserved: [],
    released: [],
    stock_released: false,
    created_at: createdAt,
    updated_at: createdAt,
    expires_at: expiresAt ?? new Date(createdAt.getTime() + 60_000),
  };
}

export async function placeOrder(
  svc: OrderService,
  token: string,
  body: object,
  headers: Record<string, string> = {},
) {
  return request(svc.app).post('/api/orders').set(bearer(token)).set(headers).send(body);
}

export const orderOf = (res: { body: unknown }) => res.body as OrderResponse;

/** `count` orders of one unit of the shop's item by its member, one after the other; their ids in that order. */
export async function placeOrders(
  svc: OrderService,
  shop: { member: { token: string }; itemId: string },
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      orderOf(await placeOrder(svc, shop.member.token, { items: [{ productId: shop.itemId, quantity: 1 }] }))
        .id,
    );
  return ids;
}

/** The filters of every command sent on `orders` while `work` runs (FerretDB narrows by `_id` only). */
export async function filtersOnOrders(svc: OrderService, work: () => Promise<void>): Promise<unknown[]> {
  const sent: mongo.CommandStartedEvent[] = [];
  const client = svc.svc.mongo.getClient();
  const record = (e: mongo.CommandStartedEvent) => sent.push(e);
  client.on('commandStarted', record);
  try {
    await work();
  } finally {
    client.off('commandStarted', record);
  }
  return sent
    .filter((e) => e.command[e.commandName] === 'orders')
    .flatMap((e): unknown[] => {
      if (e.commandName === 'insert') return [];
      if (e.commandName === 'find') return [e.command.filter];
      if (e.commandName === 'findAndModify') return [e.command.query];
      if (e.commandName === 'update') return e.command.updates.map((u: { q: unknown }) => u.q);
      return [{ unexpected: e.commandName }]; // no count, aggregate or delete on orders
    });
}
