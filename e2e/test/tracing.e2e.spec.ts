import { readFileSync } from 'node:fs';
import { eventually, TEST_CARDS } from '@platform/devstack/testing';
import { settledMailsAbout } from './saga/observe';
import { card, shopper } from './saga/shop';
import { startSagaStack, type SagaStack } from './saga/stack';
import { startOtlpReceiver, type ReceivedSpan } from './tracing/otlp-receiver';

const APPROVED = Object.keys(TEST_CARDS).find((n) => TEST_CARDS[n] === 'approved')!;
const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;
const SERVICES = ['user-service', 'order-service', 'payment-service', 'notification-worker'] as const;

/** The request path of a server span, whichever HTTP semantic conventions the instrumentation follows. */
const pathOf = (s: ReceivedSpan) =>
  String(s.attributes['url.path'] ?? s.attributes['http.target'] ?? '').split('?')[0];

/**
 * OpenTelemetry across the services as processes (their built bundles, instrument.js loaded first),
 * exporting OTLP/HTTP JSON to a receiver of this test: the saga's spans cross HTTP and Kafka.
 */
describe('tracing across the services', () => {
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let stack: SagaStack;

  beforeAll(async () => {
    otlp = await startOtlpReceiver();
    // spans leave every 200 ms (default 5 s), so the test waits for them briefly
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_BSP_SCHEDULE_DELAY: '200' };
    const env: Record<string, Record<string, string>> = Object.fromEntries(SERVICES.map((s) => [s, tracing]));
    env['order-service'] = { ...tracing, LOG_LEVEL: 'info' }; // its request log lines, checked below
    stack = await startSagaStack({ services: [...SERVICES], env });
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
    await otlp?.stop();
  }, 120_000);

  /** Waits for a span matching `what`, and returns it. */
  const spanWhere = async (what: string, match: (s: ReceivedSpan) => boolean) => {
    await eventually(() => otlp.spans.some(match), { what: `a span: ${what}`, timeoutMs: 30_000 });
    return otlp.spans.find(match)!;
  };
  const consumed = (service: string, eventType: string, trace: string) => (s: ReceivedSpan) =>
    s.service === service &&
    s.kind === CONSUMER &&
    s.attributes.event_type === eventType &&
    s.traceId === trace;

  it('follows an order from POST /api/orders, and its payment from the gateway callback to the mail, over Kafka', async () => {
    const shop = shopper(stack);
    const { buyer, itemId } = await shop.newShop({ price: 10, stock: 3 });
    const order = await shop.createOrder(buyer.token, itemId, 1);

    // 1. POST /api/orders: the server span, OrderCreated published and consumed elsewhere, one trace
    const created = await spanWhere(
      'order-service POST /api/orders',
      (s) =>
        s.service === 'order-service' &&
        s.kind === SERVER &&
        pathOf(s) === '/api/orders' &&
        s.name.startsWith('POST'),
    );
    const orderTrace = created.traceId;
    await spanWhere(
      'OrderCreated sent',
      (s) => s.service === 'order-service' && s.kind === PRODUCER && s.traceId === orderTrace,
    );
    const ignored = await spanWhere(
      'OrderCreated at notification-worker',
      consumed('notification-worker', 'OrderCreated', orderTrace),
    );
    expect(ignored.attributes['messaging.outcome']).toBe('ignored'); // no mail for it, but it joined the trace

    // the request's log lines carry the trace (and the server span's own id)
    const lines = readFileSync(stack.service('order-service').log, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown> & { context?: Record<string, unknown> });
    const logged = lines.filter(
      (l) =>
        l.message === 'Request processed' &&
        l.context?.method === 'POST' &&
        l.context?.endpoint === '/api/orders',
    );
    expect(logged.map((l) => l.trace_id)).toContain(orderTrace);
    const ids = new Set(otlp.spans.filter((s) => s.traceId === orderTrace).map((s) => s.spanId));
    for (const l of logged.filter((x) => x.trace_id === orderTrace))
      expect(ids.has(String(l.span_id))).toBe(true);

    // 2. the buyer pays: payment-service's request reaches order-service (HTTP) in its own trace
    await shop.payAccepted(buyer.token, order, card(APPROVED));
    const paid = await spanWhere(
      'payment-service POST /api/payments',
      (s) => s.service === 'payment-service' && s.kind === SERVER && pathOf(s) === '/api/payments',
    );
    await spanWhere(
      'order-service answering payment-service',
      (s) => s.service === 'order-service' && s.kind === SERVER && s.traceId === paid.traceId,
    );

    // 3. the gateway's callback → PaymentCompleted → order confirmed → OrderConfirmed → receipt mail: one trace
    await shop.orderReaches(buyer.token, order.id, 'confirmed');
    expect(await settledMailsAbout(stack, buyer.email, order.id)).toHaveLength(1);
    const callback = await spanWhere(
      'the gateway callback at payment-service',
      (s) =>
        s.service === 'payment-service' && s.kind === SERVER && pathOf(s) === '/api/webhooks/payment-gateway',
    );
    const saga = callback.traceId;
    await spanWhere(
      'PaymentCompleted sent',
      (s) => s.service === 'payment-service' && s.kind === PRODUCER && s.traceId === saga,
    );
    const confirmation = await spanWhere(
      'PaymentCompleted at order-service',
      consumed('order-service', 'PaymentCompleted', saga),
    );
    expect(confirmation.attributes['messaging.outcome']).toBe('handled');
    const confirmedSent = await spanWhere(
      'OrderConfirmed sent',
      (s) => s.service === 'order-service' && s.kind === PRODUCER && s.traceId === saga,
    );
    const mail = await spanWhere(
      'OrderConfirmed at notification-worker',
      consumed('notification-worker', 'OrderConfirmed', saga),
    );
    expect(mail.attributes['messaging.outcome']).toBe('handled');
    // each hop a child of the one before: the consumer spans' parents are the producer spans that sent them
    expect(mail.parentSpanId).toBe(confirmedSent.spanId);
    expect(otlp.refused).toEqual([]); // every export was OTLP JSON on /v1/traces
  });
});
