import { requireUser } from '@platform/auth';
import {
  CreatePaymentRequestSchema,
  IdempotencyKeySchema,
  PaymentIdParamsSchema,
  PaymentListQuerySchema,
  PaymentUserParamsSchema,
  RefundRequestSchema,
} from '@platform/contracts';
import { Errors, parseInput } from '@platform/service-kit';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { createPayment } from './create-payment';
import { parsePaymentBody } from './payment-body';
import { type PaymentDeps } from './payment-deps';
import { getPayment, listUserPayments, requestRefund } from './read-payments';

const HeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() });
const paymentId = (req: Request) => parseInput(PaymentIdParamsSchema, req.params, 'params').payment_id;

/** Seed 001 Payment API. */
export function paymentsRouter(deps: PaymentDeps): Router {
  const router = Router();

  router.post('/api/payments', async (req, res) => {
    const actor = requireUser(res);
    const headers = parseInput(HeadersSchema, { 'idempotency-key': req.get('idempotency-key') }, 'headers');
    const body = parsePaymentBody(CreatePaymentRequestSchema, req.body);
    const { payment, created } = await createPayment(actor, body, headers['idempotency-key'], deps);
    res
      .status(created ? 201 : 200)
      .location(`/api/payments/${payment.id}`)
      .json(payment);
  });

  router.get('/api/payments/user/:user_id', async (req, res) => {
    const actor = requireUser(res);
    const userId = parseInput(PaymentUserParamsSchema, req.params, 'params').user_id;
    const page = parseInput(PaymentListQuerySchema, req.query, 'query');
    res.json(await listUserPayments(actor, userId, page, deps));
  });

  router.get('/api/payments/:payment_id', async (req, res) => {
    res.json(await getPayment(requireUser(res), paymentId(req), deps));
  });

  router.post('/api/payments/:payment_id/refund', async (req, res) => {
    const actor = requireUser(res);
    // every field is optional, but the document (as every one) marks the body required: a request with
    // no JSON body at all is a 400 like an empty one, not a full refund (schemathesis found the 201)
    if (req.body === undefined)
      throw Errors.validation('Invalid request body: a JSON body is required, {} for a full refund', {
        field: 'body',
        reason: 'a JSON body is required',
      });
    const body = parseInput(RefundRequestSchema, req.body);
    res.status(201).json(await requestRefund(actor, paymentId(req), body, deps));
  });

  return router;
}
