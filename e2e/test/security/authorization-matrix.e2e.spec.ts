import { createServiceTokens, DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import { type ServiceName } from '@platform/devstack';
import { shopAccounts } from '@platform/devstack/testing';
import { startSagaStack, type SagaStack } from '../saga/stack';
import { ADMIN_ONLY, KEY_PERMISSION, NOT_FOR_VIEWERS, PUBLIC } from './matrix-tables';
import { twoShops } from './two-shops';
import { matrixRunner } from './matrix-runner';
import { allOperations, opName, type Operation } from './openapi-operations';

const operations = allOperations();
// the services with a document (notification-worker's documents only its public probes)
const SERVICES = [...new Set(operations.map((o) => o.service))] as ServiceName[];
const tokens = createServiceTokens(DEV_SERVICE_TOKEN_SECRET);

describe('the authorization matrix of every documented route', () => {
  let stack: SagaStack;
  const { call, matrix, record, summary } = matrixRunner((service) => stack.url(service as ServiceName));

  beforeAll(async () => {
    stack = await startSagaStack({ services: SERVICES });
  }, 90_000);
  afterAll(async () => {
    process.stdout.write(summary());
    await stack?.stop();
  });

  it('lists every operation that needs no credentials as public with its reason, and no other', () => {
    const open = operations.filter((o) => o.schemes.length === 0).map(opName);
    expect(operations.filter((o) => PUBLIC[opName(o)] && o.schemes.length).map(opName)).toEqual([]);
    expect(Object.keys(PUBLIC).filter((name) => !open.includes(name))).toEqual([]);
    expect(operations.length).toBeGreaterThan(90);
  });

  it('refuses every other operation without credentials: 401 in the error envelope', async () => {
    const guarded = operations.filter((o) => !PUBLIC[opName(o)]);
    expect(await matrix('no credentials → 401', guarded, [401], () => ({}))).toEqual([]);
  });

  it('refuses on /internal/* a service token for another audience (401) and a user token (401/403)', async () => {
    const internal = operations.filter((o) => o.path.startsWith('/internal/'));
    const shop = await shopAccounts(stack.url('user-service')).newShop();
    const otherAudience = (op: Operation) =>
      tokens.token(
        op.service === 'order-service' ? 'payment-service' : 'order-service',
        'notification-worker',
      );
    expect(
      await matrix('service token, other audience → 401', internal, [401], (op) => ({
        token: otherAudience(op),
      })),
    ).toEqual([]);
    expect(
      await matrix('user token on /internal → 401/403', internal, [401, 403], () => ({ token: shop.token })),
    ).toEqual([]);
    // the control: the same caller's token for the right audience gets past authentication
    const rightAudience = await Promise.all(
      internal.map(async (op) => {
        const caller = op.service === 'order-service' ? 'payment-service' : 'order-service';
        return { op, ...(await call(op, { token: tokens.token(caller, op.service) })) };
      }),
    );
    expect(rightAudience.filter((a) => a.status === 401).map((a) => opName(a.op))).toEqual([]);
  });

  describe('with two shops', () => {
    let shops: Awaited<ReturnType<typeof twoShops>>;
    let ids: Record<string, string>;
    beforeAll(async () => {
      shops = await twoShops(stack);
      ids = shops.ids;
    }, 60_000);

    it('refuses a viewer the operations of admins, developers and writers: 403', async () => {
      const ops = operations.filter((o) => NOT_FOR_VIEWERS.has(opName(o)));
      expect(ops).toHaveLength(NOT_FOR_VIEWERS.size);
      expect(
        await matrix('viewer on admin routes → 403', ops, [403], () => ({ token: shops.viewer, ids })),
      ).toEqual([]);
    });

    it("refuses a developer the operations of the shop's admin only: 403", async () => {
      const ops = operations.filter((o) => ADMIN_ONLY.has(opName(o)));
      expect(ops).toHaveLength(ADMIN_ONLY.size);
      expect(
        await matrix('developer on admin-only routes → 403', ops, [403], () => ({
          token: shops.developer,
          ids,
        })),
      ).toEqual([]);
    });

    it("shows another shop's admin none of shop A's buyer's orders and payments", async () => {
      const lists = operations.filter((o) =>
        ['GET /api/orders/user/{user_id}', 'GET /api/payments/user/{user_id}'].includes(opName(o)),
      );
      expect(lists).toHaveLength(2);
      const answers = await Promise.all(lists.map((op) => call(op, { token: shops.adminB, ids })));
      const leaks = answers.filter(
        (a) =>
          ![200, 403, 404].includes(a.status) ||
          a.text.includes(ids.order_id) ||
          a.text.includes(ids.payment_id),
      );
      lists.forEach((op, i) =>
        record("another shop's user's list → none of it", op, !leaks.includes(answers[i])),
      );
      expect(leaks.map((a) => `${a.status} ${a.text.slice(0, 200)}`)).toEqual([]);
      // the control: shop A's admin sees them
      const own = await Promise.all(lists.map((op) => call(op, { token: shops.adminA, ids })));
      expect(own.map((a) => a.status)).toEqual([200, 200]);
      expect(own.map((a) => a.text.includes(ids.order_id))).toEqual([true, true]);
    });

    it('refuses an API key without the permission an operation needs: 403', async () => {
      const ops = operations.filter((o) => KEY_PERMISSION[opName(o)]);
      expect(ops).toHaveLength(Object.keys(KEY_PERMISSION).length);
      const other = (op: Operation) =>
        KEY_PERMISSION[opName(op)] === 'read' ? shops.writeKey : shops.readKey;
      expect(
        await matrix('API key lacking permission → 403', ops, [403], (op) => ({ token: other(op), ids })),
      ).toEqual([]);
      // the control: a key with the permission gets past authorization
      const own = (op: Operation) => (KEY_PERMISSION[opName(op)] === 'read' ? shops.readKey : shops.writeKey);
      const allowed = await Promise.all(
        ops.map(async (op) => ({ op, ...(await call(op, { token: own(op), ids })) })),
      );
      expect(allowed.filter((a) => [401, 403].includes(a.status)).map((a) => opName(a.op))).toEqual([]);
    });

    it("answers 404 to another shop's admin for shop A's user, order, payment, item, cart line, key, producer and consumer", async () => {
      const find = (service: string, name: string) =>
        operations.find((o) => o.service === service && opName(o) === name)!;
      const cases: (readonly [Operation, Record<string, string>, object?])[] = [
        ...['GET', 'PUT', 'DELETE'].map(
          (m) => [find('user-service', `${m} /api/users/{user_id}`), ids] as const,
        ),
        [find('user-service', 'GET /api/users/{user_id}/events'), ids],
        [find('user-service', 'DELETE /api/v1/api-keys/{id}'), { id: ids.apiKey }],
        [find('order-service', 'GET /api/orders/{order_id}'), ids],
        [find('order-service', 'POST /api/orders/{order_id}/cancel'), ids],
        [find('order-service', 'PUT /api/orders/{order_id}/status'), ids, { status: 'cancelled' }],
        ...['GET', 'PUT', 'DELETE'].map(
          (m) => [find('order-service', `${m} /api/items/{item_id}`), ids] as const,
        ),
        [find('order-service', 'POST /api/cart/items'), ids, { item_id: ids.item_id }],
        [find('order-service', 'POST /api/wishlist/items'), ids, { item_id: ids.item_id }],
        [find('payment-service', 'GET /api/payments/{payment_id}'), ids],
        [find('payment-service', 'POST /api/payments/{payment_id}/refund'), ids],
        [find('data-pipeline', 'DELETE /api/v1/producers/{id}'), { id: ids.producer }],
        [find('data-pipeline', 'GET /api/v1/consumers/{id}/events'), { id: ids.consumer }],
        [find('data-pipeline', 'POST /api/v1/consumers/{id}/commit'), { id: ids.consumer }],
      ];
      const failures = await Promise.all(
        cases.map(async ([op, caseIds, body]) => {
          const { status, envelope } = await call(op, { token: shops.adminB, ids: caseIds, body });
          // the control: a read by shop A's own admin finds it (so the 404 is the tenant's wall)
          const own =
            op.method === 'get' ? (await call(op, { token: shops.adminA, ids: caseIds })).status : 200;
          const ok = status === 404 && envelope && own === 200;
          record("another shop's resource → 404", op, ok);
          return ok ? [] : [`${op.service} ${opName(op)} → ${status} (shop A's admin: ${own})`];
        }),
      );
      expect(failures.flat()).toEqual([]);
    });
  });
});
