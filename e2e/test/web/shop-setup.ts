import { randomUUID } from 'node:crypto';
import { createServiceTokens, DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { ItemResponseSchema, type UsageResponse } from '@platform/contracts';
import { bearer, eventually, rememberSecret, shopAccounts } from '@platform/devstack/testing';
import request from 'supertest';
import { plantedTastes } from '../ml/planted-tastes';
import { trainingDataOf } from '../saga/training-data';
import { type WebStack } from './web-stack';

/**
 * What a scenario needs before the browser opens, made through the web origin's API routes (the gateway
 * the browser uses too): shops with their admins, items, members, API keys, interactions.
 */
export function shopSetup(web: WebStack) {
  const edge = () => request(web.url);
  const accounts = shopAccounts(web.url);

  /** A new shop: its admin (email and password too, to sign in in the browser) and a signed-in token. */
  const newShop = async () => {
    const tag = randomUUID().slice(0, 8);
    const email = `admin-${tag}@example.com`;
    const password = rememberSecret('password', `pw-${tag}-secret`);
    const res = await edge()
      .post('/api/v1/auth/register')
      .send({ email, password, nickname: `admin_${tag}`, tenant_name: `Shop ${tag}` })
      .expect(201);
    const admin = res.body as Parameters<typeof accounts.addMember>[0];
    rememberSecret('jwt', admin.access_token);
    rememberSecret('refresh-token', admin.refresh_token);
    return { admin, email, password, tenantId: admin.user.tenant_id, token: admin.access_token };
  };
  type Shop = Awaited<ReturnType<typeof newShop>>;

  /** An item of the shop, created by its admin (`POST /api/items`). */
  const newItem = async (
    shop: Shop,
    { title = `Game ${randomUUID().slice(0, 6)}`, price = 12.5, stock = 5 } = {},
  ) => {
    const res = await edge()
      .post('/api/items')
      .set(bearer(shop.token))
      .send({ title, category: 'games', price, stock, description: `${title}: a game for the whole family` })
      .expect(201);
    return ItemResponseSchema.parse(res.body);
  };

  /** An API key of the shop with `permissions` (user-service shows it once). */
  const apiKey = (shop: Shop, permissions: string[]) => accounts.apiKey(shop.admin, permissions);

  /** The shop's usage of today as data-pipeline counts it (trails the calls by a few seconds). */
  const usageToday = async (shop: Shop): Promise<UsageResponse> => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await edge()
      .get('/api/v1/usage')
      .query({ start_date: today, end_date: today })
      .set(bearer(shop.token))
      .expect(200);
    return res.body as UsageResponse;
  };

  /**
   * Training data for the shop: the planted tastes' items and interactions through data-pipeline (with a
   * service token, as order-service sends purchases), waited for until its catalog.json lists them all
   * (beside any the shop tracked before).
   */
  const plantTrainingData = async (shop: Shop) => {
    const asPipeline = bearer(
      createServiceTokens(DEV_SERVICE_TOKEN_SECRET).token('order-service', 'data-pipeline'),
    );
    const pipeline = () => request(web.stack.url('data-pipeline'));
    const data = plantedTastes(11);
    await pipeline()
      .post('/internal/data/items')
      .set(asPipeline)
      .send({ tenant_id: shop.tenantId, items: data.items })
      .expect(200);
    await pipeline()
      .post('/internal/data/interactions')
      .set(asPipeline)
      .send({ tenant_id: shop.tenantId, interactions: data.interactions })
      .expect(200);
    await eventually(
      async () =>
        (await trainingDataOf(web.stack.dataStoreDir, shop.tenantId)).interactions.length >=
        data.interactions.length,
      { what: "every interaction in data-pipeline's training data", timeoutMs: 30_000, intervalMs: 500 },
    );
    return data;
  };

  return { edge, accounts, newShop, newItem, apiKey, usageToday, plantTrainingData };
}
export type ShopSetup = ReturnType<typeof shopSetup>;
export type Shop = Awaited<ReturnType<ShopSetup['newShop']>>;
