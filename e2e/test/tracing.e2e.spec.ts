import { readFileSync } from 'node:fs';
import { eventually, TEST_CARDS } from '@platform/devstack/testing';
import { settledMailsAbout } from './saga/observe';
import { card, shopper } from './saga/shop';
import { startSagaStack, type SagaStack } from './saga/stack';
import { startOtlpReceiver, type ReceivedSpan } from './tracing/otlp-receiver';
import {
  ancestry,
  CLIENT,
  CONSUMER,
  labelOf,
  pathOf,
  pathThrough,
  PRODUCER,
  rootsOf,
  SERVER,
} from './tracing/trace-tree';

const cardOf = (outcome: string) => Object.keys(TEST_CARDS).find((n) => TEST_CARDS[n] === outcome)!;
const SERVICES = ['user-service', 'order-service', 'payment-service', 'notification-worker'] as const;

type Step = (s: ReceivedSpan) => boolean;
const ordersPost: Step = (s) =>
  s.service === 'order-service' &&
  s.kind === SERVER &&
  pathOf(s) === '/api/orders' &&
  s.name.startsWith('POST');
const sent =
  (service: string): Step =>
  (s) =>
    s.service === service && s.kind === PRODUCER;
const consumed =
  (service: string, eventType: string): Step =>
  (s) =>
    s.service === service && s.kind === CONSUMER && s.attributes.event_type === eventType;
const paymentOf =
  (orderId: string): Step =>
  (s) =>
    s.service === 'payment-service' && s.name === `payment ${orderId}`;
const callback =
  (type: string): Step =>
  (s) =>
    s.service === 'payment-service' && s.name === `gateway ${type}`;

/**
 * OpenTelemetry across the services as processes (their built bundles, instrument.js loaded first),
 * exporting OTLP/HTTP JSON to a receiver of this test: one saga, from `POST /api/orders` to the mail,
 * is ONE trace, though the buyer pays in a request of its own and the gateway's callback carries no
 * trace context (order-service keeps the order's traceparent; the charge's metadata brings it back).
 */
describe('tracing across the services', () => {
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let stack: SagaStack;
  let shop: ReturnType<typeof shopper>;

  beforeAll(async () => {
    otlp = await startOtlpReceiver();
    // spans leave every 200 ms (default 5 s), so the test waits for them briefly
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_BSP_SCHEDULE_DELAY: '200' };
    const env: Record<string, Record<string, string>> = Object.fromEntries(SERVICES.map((s) => [s, tracing]));
    env['order-service'] = { ...tracing, LOG_LEVEL: 'info' }; // its request log lines, checked below
    stack = await startSagaStack({ services: [...SERVICES], env });
    shop = shopper(stack);
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
    await otlp?.stop();
  }, 120_000);

  /** Waits for a span matching `what`, and returns it. */
  const spanWhere = async (what: string, match: Step) => {
    await eventually(() => otlp.spans.some(match), { what: `a span: ${what}`, timeoutMs: 30_000 });
    return otlp.spans.find(match)!;
  };
  const inTrace =
    (traceId: string, step: Step): Step =>
    (s) =>
      s.traceId === traceId && step(s);
  /** Waits until `span`'s ancestry runs through `steps` (spans arrive in batches, parents often last). */
  const expectPath = async (span: ReceivedSpan, steps: Step[]) => {
    let got: true | string[] = [];
    await eventually(() => (got = pathThrough(otlp.spans, span, steps)) === true, {
      what: `${labelOf(span)} under the order's steps`,
      timeoutMs: 30_000,
    }).catch(() => expect(got).toBe(true)); // the path as received, in the failure
  };
  /** The trace has one root, the POST /api/orders span: every other span's parent is in it. */
  const expectOneTree = async (root: ReceivedSpan) => {
    let roots: ReceivedSpan[] = [];
    await eventually(() => (roots = rootsOf(otlp.spans, root.traceId)).length === 1, {
      what: 'one root in the trace',
      timeoutMs: 30_000,
    }).catch(() => expect(roots.map(labelOf)).toEqual([labelOf(root)]));
    expect(roots).toEqual([root]);
  };

  it('one trace: POST /api/orders → OrderCreated → payment → gateway callback → PaymentCompleted → confirmation → OrderConfirmed → mail', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 10, stock: 3 });
    const order = await shop.createOrder(buyer.token, itemId, 1);
    const created = await spanWhere('order-service POST /api/orders', ordersPost);
    const trace = created.traceId;
    const createdSent = await spanWhere('OrderCreated sent', inTrace(trace, sent('order-service')));
    await expectPath(createdSent, [ordersPost]);

    // the request's log lines carry the trace (and a span of it)
    const lines = readFileSync(stack.service('order-service').log, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown> & { context?: Record<string, unknown> });
    const logged = lines.filter(
      (l) =>
        l.message === 'Request processed' &&
        l.context?.method === 'POST' &&
        l.context?.endpoint === '/api/orders' &&
        l.trace_id === trace,
    );
    expect(logged).not.toHaveLength(0);
    const ids = new Set(otlp.spans.filter((s) => s.traceId === trace).map((s) => s.spanId));
    for (const l of logged) expect(ids.has(String(l.span_id))).toBe(true);

    // the buyer pays in a request (a trace) of its own: payment-service asks order-service over fetch
    await shop.payAccepted(buyer.token, order, card(cardOf('approved')));
    const paid = await spanWhere(
      'payment-service POST /api/payments',
      (s) => s.service === 'payment-service' && s.kind === SERVER && pathOf(s) === '/api/payments',
    );
    const asked = await spanWhere(
      'order-service answering payment-service',
      inTrace(paid.traceId, (s) => s.service === 'order-service' && s.kind === SERVER),
    );
    await expectPath(asked, [
      (s) => s.spanId === paid.spanId,
      (s) => s.service === 'payment-service' && s.kind === CLIENT, // undici: fetch's CLIENT span
    ]);

    // … and the payment itself is in the order's trace, linked to that request
    const payment = await spanWhere('the payment span', paymentOf(order.id));
    expect(payment.traceId).toBe(trace);
    const requestSpans = otlp.spans.filter((s) => s.traceId === paid.traceId);
    const link = payment.links?.find((l) => l.traceId === paid.traceId);
    const linked = requestSpans.find((s) => s.spanId === link?.spanId);
    expect(linked && (linked.spanId === paid.spanId || linked.parentSpanId === paid.spanId)).toBe(true);

    await shop.orderReaches(buyer.token, order.id, 'confirmed');
    expect(await settledMailsAbout(stack, buyer.email, order.id)).toHaveLength(1);
    const mail = await spanWhere(
      'the receipt mail',
      inTrace(trace, consumed('notification-worker', 'OrderConfirmed')),
    );
    expect(mail.attributes['messaging.outcome']).toBe('handled');
    await expectPath(mail, [
      ordersPost,
      paymentOf(order.id),
      callback('charge.succeeded'),
      sent('payment-service'), // PaymentCompleted
      consumed('order-service', 'PaymentCompleted'),
      sent('order-service'), // OrderConfirmed
      consumed('notification-worker', 'OrderConfirmed'),
    ]);
    await expectOneTree(created);
    expect(otlp.refused).toEqual([]); // every export was OTLP JSON on /v1/traces
  });

  it('a declined card: PaymentFailed and the order failing (OrderFailed) in the same one trace', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 10, stock: 3 });
    const order = await shop.createOrder(buyer.token, itemId, 1);
    await shop.payAccepted(buyer.token, order, card(cardOf('insufficient_funds')));
    await shop.orderReaches(buyer.token, order.id, 'failed');

    const payment = await spanWhere('the payment span', paymentOf(order.id));
    const trace = payment.traceId;
    const failedAtOrders = await spanWhere(
      'PaymentFailed at order-service',
      inTrace(trace, consumed('order-service', 'PaymentFailed')),
    );
    expect(failedAtOrders.attributes['messaging.outcome']).toBe('handled');
    // OrderFailed: order-service publishes it from that handling
    await spanWhere(
      'OrderFailed sent',
      (s) => inTrace(trace, sent('order-service'))(s) && ancestry(otlp.spans, s).includes(failedAtOrders),
    );
    await expectPath(failedAtOrders, [
      ordersPost,
      paymentOf(order.id),
      callback('charge.failed'),
      sent('payment-service'), // PaymentFailed
      consumed('order-service', 'PaymentFailed'),
    ]);
    const root = rootsOf(otlp.spans, trace).find(ordersPost)!;
    expect(root).toBeDefined();
    await expectOneTree(root);
  });

  it('a wallet payment: the payment span writes PaymentCompleted itself, at once, in the order trace', async () => {
    const { buyer, itemId } = await shop.newShop({ price: 20, stock: 3 });
    expect((await shop.topUp(buyer.token, 50, card(cardOf('approved')))).status).toBe(201);
    await eventually(async () => (await shop.wallet(buyer.token)).balance === 50, {
      what: 'the top-up credited',
      timeoutMs: 30_000,
    });
    const order = await shop.createOrder(buyer.token, itemId, 1);
    await shop.payAccepted(buyer.token, order, { type: 'wallet' });
    await shop.orderReaches(buyer.token, order.id, 'confirmed');

    const payment = await spanWhere('the payment span', paymentOf(order.id));
    const confirmation = await spanWhere(
      'PaymentCompleted at order-service',
      inTrace(payment.traceId, consumed('order-service', 'PaymentCompleted')),
    );
    await expectPath(confirmation, [
      ordersPost,
      paymentOf(order.id),
      sent('payment-service'), // no callback between: the wallet pays in the request
      consumed('order-service', 'PaymentCompleted'),
    ]);
    expect(ancestry(otlp.spans, confirmation).some(callback('charge.succeeded'))).toBe(false);
    await expectOneTree(rootsOf(otlp.spans, payment.traceId).find(ordersPost)!);
  });
});
