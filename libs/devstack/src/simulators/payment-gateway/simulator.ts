import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { readJson, send, sendError, serve, Timers } from '../http';
import { deliver, newEvent, type CallbackLog, type GatewayEvent } from './callbacks';
import { ChargeBook, view, type CardInput, type Charge } from './charges';

/**
 * payment-gateway-simulator: a stand-in for the outside card provider in its test mode, never a real
 * one. Test card numbers decide outcomes (test-cards.ts); charges complete after a callback delay and
 * are announced by signed callbacks. Wire format in libs/devstack/README.md.
 */
export interface PaymentGatewaySimulatorOptions {
  port?: number;
  host?: string;
  /** What callers must send as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The secret callbacks are signed with, and where they go when a charge names no callback_url. */
  webhookSecret?: string;
  callbackUrl?: string;
  callbackDelayMs?: number;
  /** How long a slow answer (the slow card, `slow` mode) takes. */
  slowMs?: number;
  retryBaseMs?: number;
}

export const PAYMENT_GATEWAY_DEV_API_KEY = 'payment-gateway-simulator-dev-key';
export const PAYMENT_GATEWAY_DEV_SECRET = 'payment-gateway-simulator-dev-secret';
type Mode = 'ok' | '5xx' | 'slow';

export interface PaymentGatewaySimulator {
  url: string;
  port: number;
  apiKey: string;
  callbacks: CallbackLog;
  stop(): Promise<void>;
}

const isAmount = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

export async function startPaymentGatewaySimulator(
  opts: PaymentGatewaySimulatorOptions = {},
): Promise<PaymentGatewaySimulator> {
  const apiKey = opts.apiKey ?? PAYMENT_GATEWAY_DEV_API_KEY;
  const secret = opts.webhookSecret ?? PAYMENT_GATEWAY_DEV_SECRET;
  const defaults = { mode: 'ok' as Mode, slowMs: opts.slowMs ?? 10_000, delayMs: opts.callbackDelayMs ?? 50 };
  const state = { ...defaults, suppress: false, callbackUrl: opts.callbackUrl };
  const book = new ChargeBook();
  const timers = new Timers();
  const callbacks: CallbackLog = { delivered: [], abandoned: [], attempts: 0 };

  /** Announces an event after the callback delay, unless callbacks are suppressed. */
  function later(charge: Charge, complete: () => GatewayEvent): void {
    timers.after(state.delayMs, () => {
      const event = complete();
      const url = charge.callback_url ?? state.callbackUrl;
      if (state.suppress || !url) return;
      void deliver(url, secret, event, callbacks, timers, { baseDelayMs: opts.retryBaseMs ?? 100 });
    });
  }

  async function createCharge(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const key = body.idempotency_key;
    if (typeof key !== 'string' || !key)
      return sendError(res, 400, 'INVALID_REQUEST', 'idempotency_key is required');
    const existing = book.byIdempotencyKey(key);
    if (existing) return send(res, 202, view(existing));
    // as real providers do: a key whose first request is still running is refused, never charged twice
    if (book.inFlight.has(key))
      return sendError(res, 409, 'IDEMPOTENCY_KEY_IN_USE', 'A request with this key is in progress');
    if (!isAmount(body.amount))
      return sendError(res, 400, 'INVALID_REQUEST', 'amount: positive integer minor units');
    if (typeof body.currency !== 'string' || !/^[A-Za-z]{3}$/.test(body.currency))
      return sendError(res, 400, 'INVALID_REQUEST', 'currency: three letters');
    const card = book.resolveCard(body.card as CardInput | undefined, body.token);
    if ('invalid' in card) return sendError(res, 402, 'CARD_INVALID', card.invalid);
    if (card.outcome === 'processing_error')
      return sendError(res, 502, 'PROCESSING_ERROR', 'The card network did not answer');
    if (card.outcome === 'slow') {
      book.inFlight.add(key);
      await timers.sleep(state.slowMs).finally(() => book.inFlight.delete(key));
    }
    const charge: Charge = {
      charge_id: `ch_${randomUUID()}`,
      status: 'processing',
      amount: body.amount,
      currency: body.currency.toUpperCase(),
      card: { brand: card.brand, last4: card.last4 },
      token: card.token,
      refunded_amount: 0,
      refunds: [],
      metadata: body.metadata,
      callback_url: typeof body.callback_url === 'string' ? body.callback_url : undefined,
      created_at: new Date().toISOString(),
    };
    book.add(charge, key);
    later(charge, () => {
      const declined = card.outcome === 'insufficient_funds' || card.outcome === 'stolen_card';
      charge.status = declined ? 'failed' : 'succeeded';
      if (declined) charge.failure_code = card.outcome as Charge['failure_code'];
      const { charge_id, amount, currency, failure_code, metadata } = charge;
      return newEvent({
        type: declined ? 'charge.failed' : 'charge.succeeded',
        ...{ charge_id, amount, currency, failure_code, metadata },
      });
    });
    send(res, 202, view(charge));
  }

  async function refund(req: IncomingMessage, res: ServerResponse, charge: Charge): Promise<void> {
    const body = await readJson(req);
    if (typeof body.idempotency_key !== 'string' || !body.idempotency_key)
      return sendError(res, 400, 'INVALID_REQUEST', 'idempotency_key is required');
    const key = `${charge.charge_id}:${body.idempotency_key}`;
    const seen = book.refundsByKey.get(key);
    if (seen) return send(res, 202, seen);
    if (!isAmount(body.amount))
      return sendError(res, 400, 'INVALID_REQUEST', 'amount: positive integer minor units');
    if (charge.status !== 'succeeded')
      return sendError(res, 409, 'CHARGE_NOT_REFUNDABLE', `The charge is ${charge.status}`);
    if (body.amount > charge.amount - charge.refunded_amount)
      return sendError(res, 409, 'REFUND_EXCEEDS_CHARGE', 'More than the charge has left to refund');
    const refund = {
      refund_id: `re_${randomUUID()}`,
      charge_id: charge.charge_id,
      amount: body.amount,
      status: 'processing' as 'processing' | 'succeeded',
      metadata: body.metadata,
      created_at: new Date().toISOString(),
    };
    charge.refunded_amount += refund.amount; // counted at once: two refunds together cannot exceed it
    charge.refunds.push(refund);
    book.refundsByKey.set(key, refund);
    later(charge, () => {
      refund.status = 'succeeded';
      const { charge_id, currency } = charge;
      return newEvent({
        type: 'refund.succeeded',
        charge_id,
        amount: refund.amount,
        currency,
        refund_id: refund.refund_id,
        metadata: refund.metadata,
      });
    });
    send(res, 202, refund);
  }

  async function gatewayApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return sendError(res, 401, 'UNAUTHORIZED', 'Authorization: Bearer <api key> is required');
    if (state.mode === '5xx') return sendError(res, 503, 'UNAVAILABLE', 'Gateway down');
    if (state.mode === 'slow') await timers.sleep(state.slowMs);
    if (req.method === 'POST' && url.pathname === '/charges') return createCharge(req, res);
    const [, id, sub] = url.pathname.match(/^\/charges\/([^/]+)(\/refunds)?$/) ?? [];
    const charge = id ? book.charges.get(decodeURIComponent(id)) : undefined;
    if (!charge) return sendError(res, 404, 'NOT_FOUND', 'No such charge');
    if (req.method === 'GET' && !sub) return send(res, 200, view(charge));
    if (req.method === 'POST' && sub) return refund(req, res, charge);
    sendError(res, 404, 'NOT_FOUND', 'No such route');
  }

  function control(body: Record<string, unknown>): unknown {
    if (body.reset) {
      Object.assign(state, defaults, { suppress: false, callbackUrl: opts.callbackUrl });
      book.clear();
      Object.assign(callbacks, { delivered: [], abandoned: [], attempts: 0 });
    }
    if (body.mode === 'ok' || body.mode === '5xx' || body.mode === 'slow') state.mode = body.mode;
    if (typeof body.slow_ms === 'number') state.slowMs = body.slow_ms;
    if (typeof body.callback_delay_ms === 'number') state.delayMs = body.callback_delay_ms;
    if (typeof body.suppress_callbacks === 'boolean') state.suppress = body.suppress_callbacks;
    if (typeof body.callback_url === 'string') state.callbackUrl = body.callback_url;
    const { mode, slowMs, delayMs, suppress } = state;
    return {
      ...{ mode, slow_ms: slowMs, callback_delay_ms: delayMs, suppress_callbacks: suppress },
      charges: book.charges.size,
      callbacks: { delivered: callbacks.delivered.length, abandoned: callbacks.abandoned.length },
    };
  }

  const server = await serve(
    async (req, res, url) => {
      if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { status: 'ok' });
      if (url.pathname === '/__control')
        return send(res, 200, control(req.method === 'POST' ? await readJson(req) : {}));
      if (url.pathname.startsWith('/charges')) return gatewayApi(req, res, url);
      sendError(res, 404, 'NOT_FOUND', 'No such route');
    },
    opts.port,
    opts.host,
  );
  return {
    ...server,
    apiKey,
    callbacks,
    stop: () => {
      timers.clear();
      return server.stop();
    },
  };
}
