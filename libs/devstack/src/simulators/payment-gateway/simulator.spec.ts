import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import supertest from 'supertest';
import { createHmac } from 'node:crypto';
import { eventually } from '../../testing/eventually';
import { startPaymentGatewaySimulator, type PaymentGatewaySimulator } from './simulator';

const card = (number: string) => ({
  number,
  exp_month: 12,
  exp_year: new Date().getFullYear() + 2,
  cvc: '123',
});
let n = 0;
const key = () => `idem-${process.pid}-${++n}`;

describe('payment-gateway-simulator', () => {
  let sim: PaymentGatewaySimulator;
  let receiver: Server;
  const received: { headers: IncomingHttpHeaders; raw: string }[] = [];
  let failNext = 0;
  const call = (method: 'GET' | 'POST', path: string, body?: object, auth = `Bearer ${sim.apiKey}`) => {
    const req = supertest(sim.url)[method === 'GET' ? 'get' : 'post'](path).set('authorization', auth);
    return body ? req.send(body) : req;
  };
  const charge = (number: string, extra: object = {}) =>
    call('POST', '/charges', {
      amount: 2599,
      currency: 'usd',
      card: card(number),
      idempotency_key: key(),
      ...extra,
    });
  const control = (body: object) => call('POST', '/__control', body);
  const eventsOf = (chargeId: string) =>
    received.map((r) => JSON.parse(r.raw)).filter((e) => e.charge_id === chargeId);

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          return res.writeHead(500).end();
        }
        received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/payment-gateway`;
    sim = await startPaymentGatewaySimulator({ callbackUrl, webhookSecret: 'gw-secret', retryBaseMs: 10 });
  });
  afterAll(async () => {
    await sim.stop();
    await new Promise((r) => receiver.close(r));
  });
  afterEach(async () => {
    failNext = 0;
    await control({ reset: true });
  });

  it('refuses a call without the API key (401)', async () => {
    expect((await call('GET', '/charges/ch_x', undefined, 'Bearer wrong')).status).toBe(401);
    expect((await call('GET', '/charges/ch_x')).status).toBe(404);
  });

  it('approves 4242…: 202 processing, never echoes the card, then succeeds with a signed callback', async () => {
    const res = await charge('4242424242424242', { metadata: { order_id: 'o-1' } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'processing', card: { brand: 'visa', last4: '4242' } });
    expect(res.body.token).toMatch(/^tok_/);
    expect(JSON.stringify(res.body)).not.toMatch(/4242424242424242|"cvc"/);
    const id = res.body.charge_id as string;
    await eventually(() => eventsOf(id).length === 1);
    const hook = received.find((r) => JSON.parse(r.raw).charge_id === id)!;
    expect(JSON.parse(hook.raw)).toMatchObject({ type: 'charge.succeeded', amount: 2599, currency: 'USD' });
    // computed independently of the simulator: what verifyWebhook of @platform/auth checks
    const ts = hook.headers['x-gateway-timestamp'] as string;
    const expected = (secret: string) =>
      createHmac('sha256', secret).update(`${ts}.${hook.raw}`).digest('hex');
    expect(hook.headers['x-gateway-signature']).toBe(expected('gw-secret'));
    expect(hook.headers['x-gateway-signature']).not.toBe(expected('other-secret'));
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(300);
    expect((await call('GET', `/charges/${id}`)).body).toMatchObject({ charge_id: id, status: 'succeeded' });
  });

  it.each([
    ['4000000000009995', 'insufficient_funds'],
    ['4000000000009979', 'stolen_card'],
  ])('declines %s as %s', async (number, code) => {
    const id = (await charge(number)).body.charge_id as string;
    await eventually(() => eventsOf(id).length === 1);
    expect(eventsOf(id)).toMatchObject([{ type: 'charge.failed', failure_code: code }]);
    expect((await call('GET', `/charges/${id}`)).body).toMatchObject({
      status: 'failed',
      failure_code: code,
    });
  });

  it('answers 502 for the processing-error card and 402 for a number that fails Luhn', async () => {
    expect((await charge('4000000000000119')).status).toBe(502);
    expect((await charge('4242424242424241')).status).toBe(402);
  });

  it('answers the slow card only after the slow delay, so a client timeout fires first', async () => {
    await control({ slow_ms: 60_000 });
    const request = fetch(`${sim.url}/charges`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.apiKey}` },
      body: JSON.stringify({
        amount: 100,
        currency: 'USD',
        card: card('4000000000001216'),
        idempotency_key: key(),
      }),
      signal: AbortSignal.timeout(200),
    });
    await expect(request).rejects.toThrow();
    await control({ slow_ms: 0 });
    expect((await charge('4000000000001216')).status).toBe(202);
  });

  it('gives the same charge for the same idempotency key, and charges a token again', async () => {
    const body = { amount: 500, currency: 'EUR', card: card('4242424242424242'), idempotency_key: key() };
    const first = await call('POST', '/charges', body);
    const again = await call('POST', '/charges', body);
    expect(again.body.charge_id).toBe(first.body.charge_id);
    expect((await control({})).body.charges).toBe(1);
    const byToken = await call('POST', '/charges', {
      amount: 700,
      currency: 'EUR',
      token: first.body.token,
      idempotency_key: key(),
    });
    expect(byToken.body).toMatchObject({ status: 'processing', card: { last4: '4242' } });
    expect(byToken.body.charge_id).not.toBe(first.body.charge_id);
  });

  it('refunds in parts, never more than charged (409), with refund.succeeded callbacks', async () => {
    const id = (await charge('4242424242424242')).body.charge_id as string;
    expect(
      (await call('POST', `/charges/${id}/refunds`, { amount: 100, idempotency_key: key() })).status,
    ).toBe(409);
    await eventually(async () => (await call('GET', `/charges/${id}`)).body.status === 'succeeded');
    const refundKey = key();
    const part = await call('POST', `/charges/${id}/refunds`, { amount: 1000, idempotency_key: refundKey });
    expect(part).toMatchObject({ status: 202, body: { amount: 1000, status: 'processing' } });
    const same = await call('POST', `/charges/${id}/refunds`, { amount: 1000, idempotency_key: refundKey });
    expect(same.body.refund_id).toBe(part.body.refund_id);
    const over = await call('POST', `/charges/${id}/refunds`, { amount: 1600, idempotency_key: key() });
    expect(over).toMatchObject({ status: 409, body: { error: { code: 'REFUND_EXCEEDS_CHARGE' } } });
    expect(
      (await call('POST', `/charges/${id}/refunds`, { amount: 1599, idempotency_key: key() })).status,
    ).toBe(202);
    const refunded = () => eventsOf(id).filter((e) => e.type === 'refund.succeeded');
    await eventually(() => refunded().length === 2);
    expect(
      refunded()
        .map((e) => e.amount as number)
        .sort(),
    ).toEqual([1000, 1599]);
    expect((await call('GET', `/charges/${id}`)).body).toMatchObject({ refunded_amount: 2599 });
  });

  it('retries a failed callback, and sends none while callbacks are suppressed', async () => {
    failNext = 2;
    const retried = (await charge('4242424242424242')).body.charge_id as string;
    await eventually(() => eventsOf(retried).length === 1);
    expect(sim.callbacks.attempts).toBe(3);
    await control({ suppress_callbacks: true });
    const quiet = (await charge('4242424242424242')).body.charge_id as string;
    await eventually(async () => (await call('GET', `/charges/${quiet}`)).body.status === 'succeeded');
    expect(eventsOf(quiet)).toEqual([]);
    expect(sim.callbacks.attempts).toBe(3);
  });

  it("sends the charge's metadata back in its callbacks, and a refund's own in the refund's", async () => {
    const id = (await charge('4242424242424242', { metadata: { payment_id: 'pay_1' } })).body
      .charge_id as string;
    await eventually(() => eventsOf(id).length === 1);
    expect(eventsOf(id)[0]).toMatchObject({ type: 'charge.succeeded', metadata: { payment_id: 'pay_1' } });
    const refund = { amount: 100, idempotency_key: key(), metadata: { refund_id: 're_1' } };
    expect((await call('POST', `/charges/${id}/refunds`, refund)).status).toBe(202);
    await eventually(() => eventsOf(id).length === 2);
    expect(eventsOf(id)[1]).toMatchObject({ type: 'refund.succeeded', metadata: { refund_id: 're_1' } });
  });

  it('refuses a second request with the key of a charge still being answered (409), then answers that charge', async () => {
    await control({ slow_ms: 300 });
    const body = { amount: 2599, currency: 'usd', card: card('4000000000001216'), idempotency_key: key() };
    const first = call('POST', '/charges', body).then((r) => r); // then() sends it now
    await eventually(async () => (await call('POST', '/charges', body)).status === 409);
    const answered = await first;
    expect(answered.status).toBe(202);
    const again = await call('POST', '/charges', { ...body, card: undefined });
    expect(again.body.charge_id).toBe(answered.body.charge_id);
  });

  it('answers 503 in 5xx mode and is back in ok mode', async () => {
    await control({ mode: '5xx' });
    expect((await charge('4242424242424242')).status).toBe(503);
    await control({ mode: 'ok' });
    expect((await charge('4242424242424242')).status).toBe(202);
  });

  it('delays every answer in slow mode', async () => {
    await control({ mode: 'slow', slow_ms: 60_000 });
    const request = fetch(`${sim.url}/charges/ch_x`, {
      headers: { authorization: `Bearer ${sim.apiKey}` },
      signal: AbortSignal.timeout(200),
    });
    await expect(request).rejects.toThrow();
    await control({ mode: 'ok' });
    expect((await call('GET', '/charges/ch_x')).status).toBe(404);
  });
});
