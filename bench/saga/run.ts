// bench/saga: orders at fixed rates through the whole saga — POST /api/orders, POST /api/payments (test card
// 4242…), the gateway's signed callback, PaymentCompleted, order-service confirming — and for each rate the
// achieved rate and the p50/p95/p99 of the time from POST /api/orders to the order being confirmed (the
// OrderConfirmed event read from Kafka: order-service writes the status and its event in one write), and how
// many did not finish. user-service, order-service and payment-service run as processes with a gateway
// simulator of their own (callback delay configurable).
//   npm run bench:saga [-- --rates 5,10,20 --seconds 30 --callback-delay-ms 0 --outbox-poll-ms 20]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type AuthResponse, type DomainEvent } from '@platform/contracts';
import { freePort, startService, up, type RunningService } from '@platform/devstack';
import {
  createTestDatabase,
  startPaymentGatewaySimulator,
  startPrivateServer,
  uniqueTopicPrefix,
} from '@platform/devstack/testing';
import { Broker, EventConsumer } from '@platform/messaging';
import { createLogger } from '@platform/service-kit';
import { json } from '../http';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '5,10,20' },
    seconds: { type: 'string', default: '30' },
    'callback-delay-ms': { type: 'string', default: '0' },
    'outbox-poll-ms': { type: 'string', default: '20' },
    buyers: { type: 'string', default: '20' },
  },
});
const rates = values.rates.split(',').map(Number);
const seconds = Number(values.seconds);
const callbackDelayMs = Number(values['callback-delay-ms']);
const outboxPollMs = values['outbox-poll-ms'];
const graceMs = 30_000;

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

interface Flow {
  startedAt: number;
  /** When POST /api/orders answered, then POST /api/payments: where the time goes, phase by phase. */
  createdAt?: number;
  paidAt?: number;
  confirmedAt?: number;
  error?: string;
}

/** Until order-service answers /health within 100 ms five times running (the last rate's backlog is gone). */
async function settled(url: string, timeoutMs = 120_000) {
  const until = performance.now() + timeoutMs;
  for (let quick = 0; quick < 5 && performance.now() < until;) {
    const t = performance.now();
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    quick = ok && performance.now() - t < 100 ? quick + 1 : 0;
    if (quick === 0) await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  await up();
  const logLevel = process.env.LOG_LEVEL ?? 'warn';
  const prefix = uniqueTopicPrefix();
  const db = await createTestDatabase('bench_saga_users');
  const redis = await startPrivateServer('redis');
  const running: RunningService[] = [];
  const gatewayPort = await freePort();
  const paymentPort = await freePort();
  const callbackUrl = `http://127.0.0.1:${paymentPort}/api/webhooks/payment-gateway`;
  const gateway = await startPaymentGatewaySimulator({ port: gatewayPort, callbackUrl, callbackDelayMs });
  const logger = createLogger('bench-saga', 'warn');
  const broker = new Broker({
    clientId: 'bench-saga',
    brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'],
    topicPrefix: prefix,
    logger,
  });
  const flows = new Map<string, Flow>();
  const watcher = new EventConsumer(broker, {
    groupId: `bench-saga-${randomUUID()}`,
    topics: ['order.events'],
    fromBeginning: true,
    maxWaitMs: 10,
    partitionsConsumedConcurrently: 3,
    handlers: {
      OrderConfirmed: async (e: DomainEvent<'OrderConfirmed'>) => {
        const f = flows.get(e.data.order_id);
        if (f && !f.confirmedAt) f.confirmedAt = performance.now();
      },
    },
  });
  try {
    await broker.ensureTopics(['order.events', 'payment.events', 'user.events', 'item.events']);
    const users = await startService('user-service', {
      port: await freePort(),
      instance: 'bench-saga',
      env: {
        DATABASE_URL: db.url,
        KAFKA_TOPIC_PREFIX: prefix,
        LOG_LEVEL: logLevel,
        OUTBOX_POLL_MS: outboxPollMs,
      },
    });
    running.push(users);
    const orders = await startService('order-service', {
      port: await freePort(),
      instance: 'bench-saga',
      env: {
        MONGO_URL: `${process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017'}/bench_saga_${Date.now()}`,
        USER_SERVICE_URL: users.url,
        KAFKA_TOPIC_PREFIX: prefix,
        LOG_LEVEL: logLevel,
        OUTBOX_POLL_MS: outboxPollMs,
      },
    });
    running.push(orders);
    const payments = await startService('payment-service', {
      port: paymentPort,
      instance: 'bench-saga',
      env: {
        REDIS_URL: redis.url(),
        USER_SERVICE_URL: users.url,
        ORDER_SERVICE_URL: orders.url,
        PAYMENT_GATEWAY_URL: gateway.url,
        PAYMENT_GATEWAY_CALLBACK_URL: callbackUrl,
        KAFKA_TOPIC_PREFIX: prefix,
        LOG_LEVEL: logLevel,
        OUTBOX_POLL_MS: outboxPollMs,
      },
    });
    running.push(payments);
    await watcher.start();

    const admin = await json<AuthResponse>(`${users.url}/api/v1/auth/register`, {
      method: 'POST',
      body: { email: `bench-${Date.now()}@example.com`, password: 'password123' },
    });
    const buyers: string[] = [];
    for (let i = 0; i < Number(values.buyers); i++) {
      const email = `buyer-${randomUUID().slice(0, 8)}@example.com`;
      await json(`${users.url}/api/users`, {
        method: 'POST',
        token: admin.access_token,
        body: {
          email,
          username: `buyer_${randomUUID().slice(0, 8)}`,
          password: 'password123',
          role: 'viewer',
        },
      });
      const login = await json<AuthResponse>(`${users.url}/api/v1/auth/login`, {
        method: 'POST',
        body: { email, password: 'password123' },
      });
      buyers.push(login.access_token);
    }
    const { item_id: itemId } = await json<{ item_id: string }>(`${orders.url}/api/items`, {
      method: 'POST',
      token: admin.access_token,
      body: { title: 'Bench game', category: 'bench', price: 19.99, stock: 1e9 },
    });
    const card = {
      type: 'credit_card',
      cardNumber: '4242424242424242',
      expiryMonth: '12',
      expiryYear: String(new Date().getUTCFullYear() + 1),
      cvv: '123',
    };

    /** One order through the saga; its confirmation is recorded by the watcher. */
    const flow = async (token: string) => {
      const startedAt = performance.now();
      let orderId: string | undefined;
      try {
        const order = await json<{ id: string; totalAmount: number; currency: string }>(
          `${orders.url}/api/orders`,
          { method: 'POST', token, body: { items: [{ productId: itemId, quantity: 1 }] } },
        );
        orderId = order.id;
        const f: Flow = { startedAt, createdAt: performance.now() };
        flows.set(order.id, f);
        await json(`${payments.url}/api/payments`, {
          method: 'POST',
          token,
          body: {
            orderId: order.id,
            amount: order.totalAmount,
            currency: order.currency,
            paymentMethod: card,
          },
        });
        f.paidAt = performance.now();
      } catch (err) {
        const key = orderId ?? `failed-${randomUUID()}`;
        flows.set(key, { ...(flows.get(key) ?? { startedAt }), error: (err as Error).message.slice(0, 120) });
      }
    };

    const rows: string[] = [];
    for (const rate of rates) {
      flows.clear();
      const started = performance.now();
      const inFlight: Promise<void>[] = [];
      const total = rate * seconds;
      // open loop: flow i starts at i / rate seconds, whatever the earlier ones are doing
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        inFlight.push(flow(buyers[i % buyers.length]));
      }
      const sendSeconds = (performance.now() - started) / 1000;
      await Promise.all(inFlight);
      const deadline = performance.now() + graceMs;
      const pending = () => [...flows.values()].filter((f) => !f.error && !f.confirmedAt).length;
      while (pending() > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await settled(orders.url);
      const all = [...flows.values()];
      const p50Of = (from: keyof Flow, to: keyof Flow) => {
        const d = all.filter((f) => f[from] && f[to]).map((f) => (f[to] as number) - (f[from] as number));
        return percentile(
          d.sort((a, b) => a - b),
          50,
        ).toFixed(0);
      };
      const done = all.filter((f) => f.confirmedAt).map((f) => f.confirmedAt! - f.startedAt);
      done.sort((a, b) => a - b);
      const errors = all.filter((f) => f.error);
      const lastConfirmed = Math.max(...all.map((f) => f.confirmedAt ?? 0));
      const achieved = done.length / ((lastConfirmed - started) / 1000);
      rows.push(
        `${String(rate).padStart(6)}/s ${achieved.toFixed(1).padStart(9)}/s ${percentile(done, 50).toFixed(0).padStart(8)} ${percentile(done, 95).toFixed(0).padStart(8)} ${percentile(done, 99).toFixed(0).padStart(8)} ${String(total - done.length).padStart(10)}   ${p50Of('startedAt', 'createdAt').padStart(6)} ${p50Of('createdAt', 'paidAt').padStart(6)} ${p50Of('paidAt', 'confirmedAt').padStart(6)}`,
      );
      process.stdout.write(
        `rate ${rate}/s: sent ${total} in ${sendSeconds.toFixed(1)} s, confirmed ${done.length}, errors ${errors.length}${errors[0] ? ` (first: ${errors[0].error})` : ''}\n`,
      );
    }
    process.stdout.write(
      `\nsaga: POST /api/orders → POST /api/payments (card) → callback → PaymentCompleted → confirmed` +
        `\n${seconds} s per rate; gateway callback delay ${callbackDelayMs} ms; outbox poll ${outboxPollMs} ms; ${buyers.length} buyers\n` +
        `                          to confirmed                         p50 ms of each step\n` +
        `  target  achieved      p50 ms   p95 ms   p99 ms   unfinished   create    pay   rest\n${rows.join('\n')}\n` +
        `(create: POST /api/orders; pay: POST /api/payments; rest: its answer → OrderConfirmed read from Kafka)\n`,
    );
  } finally {
    await watcher.stop().catch(() => undefined);
    await broker.disconnect().catch(() => undefined);
    for (const s of running.reverse()) await s.stop();
    await gateway.stop();
    await redis.dispose();
    await db.drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
