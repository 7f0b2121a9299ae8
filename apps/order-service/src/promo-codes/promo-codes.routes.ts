import { CreatePromoCodeRequestSchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { requireRole } from '../http/visitor';
import { createPromoCode, type PromoDeps } from './promo-codes';

/** `POST /api/promo-codes` (seed 003 promoCode): admins of the shop. */
export function promoCodesRouter(deps: PromoDeps): Router {
  const router = Router();
  router.post('/api/promo-codes', async (req, res) => {
    const admin = requireRole(res, ['admin']);
    const body = parseInput(CreatePromoCodeRequestSchema, req.body);
    res.status(201).json(await createPromoCode(admin.tenantId, body, deps));
  });
  return router;
}
