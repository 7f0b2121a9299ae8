import { createServiceTokens, DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { bearer, shopAccounts, TEST_CARDS } from '@platform/devstack/testing';
import { card, shopper } from '../test/saga/shop';
import { type SagaStack } from '../test/saga/stack';

const APPROVED = Object.keys(TEST_CARDS).find((n) => TEST_CARDS[n] === 'approved')!;
/** Longer than the fuzzing runs (minted once, before them), shorter than a forgotten token should live. */
const SERVICE_TOKEN_TTL_S = 1800;

/** A service token from `caller` for `audience`, signed with the secret the stack's services fall back to. */
export const serviceToken = (caller: string, audience: string): string =>
  createServiceTokens(process.env.SERVICE_TOKEN_SECRET || DEV_SERVICE_TOKEN_SECRET).token(
    caller,
    audience,
    SERVICE_TOKEN_TTL_S,
  );

async function post(url: string, token: string, body: object): Promise<Record<string, string>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(token) },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`seeding POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}

/**
 * One shop (a tenant) per fuzzed service, so one run's deletions and updates cannot touch another's
 * credentials, each with the resources its path ids point at: the variables its config file reads.
 */
export async function seedCredentials(stack: SagaStack) {
  const shop = shopper(stack);
  const accounts = shopAccounts(stack.url('user-service'));
  const pipeline = stack.url('data-pipeline');

  // user-service: the admin fuzzes the tenant's routes; a member is the user the user-id routes read
  const u = await shop.newShop();
  const selfDelete = await accounts.newShop(); // its own tenant: the self-delete pass deletes it
  const userService = {
    FUZZ_ADMIN_TOKEN: u.token,
    FUZZ_SERVICE_TOKEN: serviceToken('ml-engine', 'user-service'),
    FUZZ_PAYMENTS_TOKEN: serviceToken('payment-service', 'user-service'),
    FUZZ_TENANT_ID: u.tenantId,
    FUZZ_MEMBER_ID: u.buyer.userId,
    FUZZ_SELF_ID: selfDelete.admin.user.id, // read by the config file in both passes, used by the second
  };
  const selfDeleteEnv = { ...userService, FUZZ_ADMIN_TOKEN: selfDelete.token };

  // order-service: an unpaid order and the item it holds
  const o = await shop.newShop({ stock: 50 });
  const order = await shop.createOrder(o.buyer.token, o.itemId);
  const orderService = {
    FUZZ_ADMIN_TOKEN: o.token,
    FUZZ_SERVICE_TOKEN: serviceToken('payment-service', 'order-service'),
    FUZZ_ITEM_ID: o.itemId,
    FUZZ_ORDER_ID: order.id,
    FUZZ_BUYER_ID: o.buyer.userId,
  };

  // payment-service: an order paid by card, whose payment the refund and read routes are given
  const p = await shop.newShop({ stock: 50 });
  const paid = await shop.createOrder(p.buyer.token, p.itemId);
  const payment = await shop.payAccepted(p.buyer.token, paid, card(APPROVED));
  const paymentService = {
    FUZZ_ADMIN_TOKEN: p.token,
    FUZZ_PAYMENT_ID: payment.id,
    FUZZ_BUYER_ID: p.buyer.userId,
  };

  // ml-engine and data-pipeline: an API key with every permission; the dashboard's routes take the admin
  const m = await accounts.newShop();
  const mlEngine = {
    FUZZ_API_KEY: await accounts.apiKey(m.admin, ['read', 'write']),
    FUZZ_SERVICE_TOKEN: serviceToken('data-pipeline', 'ml-engine'),
    FUZZ_TENANT_ID: m.tenantId,
  };
  const d = await accounts.newShop();
  const producer = await post(`${pipeline}/api/v1/producers`, d.token, { name: 'fuzz-producer' });
  const consumer = await post(`${pipeline}/api/v1/consumers`, d.token, {
    name: 'fuzz-consumer',
    subscribed_event_types: ['fuzz.event'],
  });
  const dataPipeline = {
    FUZZ_API_KEY: await accounts.apiKey(d.admin, ['read', 'write']),
    FUZZ_ADMIN_TOKEN: d.token,
    FUZZ_PRODUCER_KEY: producer.api_key,
    FUZZ_SERVICE_TOKEN: serviceToken('ml-engine', 'data-pipeline'),
    FUZZ_CONSUMER_ID: consumer.consumer_id,
  };
  return { userService, selfDeleteEnv, orderService, paymentService, mlEngine, dataPipeline };
}
export type FuzzCredentials = Awaited<ReturnType<typeof seedCredentials>>;
