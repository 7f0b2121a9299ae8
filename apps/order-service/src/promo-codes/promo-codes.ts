import { type CreatePromoCodeRequest, type PromoCodeResponse } from '@platform/contracts';
import { OrderErrors } from '../errors';
import { toDecimal, toMinor } from '../orders/order-view';
import { NEVER, UNLIMITED, type PromoCodesRepository, type PromoDoc } from './promo-codes.repository';

export interface PromoDeps {
  promos: PromoCodesRepository;
  clock: () => Date;
}

const view = (p: Omit<PromoDoc, 'orders' | '_id'>): PromoCodeResponse => ({
  code: p.code,
  ...(p.percent_off !== undefined ? { percentOff: p.percent_off } : {}),
  ...(p.amount_off !== undefined ? { amountOff: toDecimal(p.amount_off) } : {}),
  ...(p.currency ? { currency: p.currency } : {}),
  ...(p.expires_at.getTime() < NEVER.getTime() ? { expiresAt: p.expires_at.toISOString() } : {}),
  ...(p.max_uses !== undefined ? { maxUses: p.max_uses } : {}),
  uses: p.uses,
  createdAt: p.created_at.toISOString(),
});

/** An admin creates a code of their shop: a percentage or a fixed amount off, optional expiry and cap. */
export async function createPromoCode(
  tenantId: string,
  body: CreatePromoCodeRequest,
  deps: PromoDeps,
): Promise<PromoCodeResponse> {
  const doc = {
    tenant_id: tenantId,
    code: body.code,
    ...(body.percentOff !== undefined ? { percent_off: body.percentOff } : {}),
    ...(body.amountOff !== undefined ? { amount_off: toMinor(body.amountOff) } : {}),
    ...(body.currency ? { currency: body.currency } : {}),
    expires_at: body.expiresAt ? new Date(body.expiresAt) : NEVER,
    ...(body.maxUses !== undefined ? { max_uses: body.maxUses } : {}),
    remaining: body.maxUses ?? UNLIMITED,
    uses: 0,
    orders: [],
    created_at: deps.clock(),
  };
  if (!(await deps.promos.insert(doc))) throw OrderErrors.promoCodeTaken(body.code);
  return view(doc);
}

/** The discount (minor units) `code` gives on `subtotal`; 400 naming the code when it cannot be used. */
export async function discountOf(
  tenantId: string,
  code: string,
  subtotal: number,
  currency: string,
  deps: PromoDeps,
): Promise<number> {
  const promo = await deps.promos.find(tenantId, code);
  if (!promo) throw OrderErrors.promoCodeInvalid(code, 'unknown');
  if (promo.expires_at <= deps.clock()) throw OrderErrors.promoCodeInvalid(code, 'expired');
  if (promo.remaining <= 0) throw OrderErrors.promoCodeInvalid(code, 'spent');
  if (promo.amount_off !== undefined) {
    if (promo.currency && promo.currency !== currency) throw OrderErrors.promoCodeInvalid(code, 'currency');
    return Math.min(promo.amount_off, subtotal);
  }
  return Math.floor((subtotal * (promo.percent_off ?? 0)) / 100);
}
