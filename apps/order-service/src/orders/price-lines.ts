import { type CreateOrderRequest, type InternalUserResponse } from '@platform/contracts';
import { Errors } from '@platform/service-kit';
import { OrderErrors } from '../errors';
import { type SignedInUser } from '../http/visitor';
import { type OrderDeps } from './order-deps';
import { type OrderLine } from './order-document';
import { toMinor } from './order-view';

type Requested = { productId: string; quantity: number; price?: number };

/** Whose order this is: the caller, or (for an admin) a user of the same shop, checked with user-service. */
export async function buyerOf(
  actor: SignedInUser,
  body: CreateOrderRequest,
  deps: OrderDeps,
): Promise<string> {
  const userId = body.userId ?? actor.userId;
  if (userId !== actor.userId && actor.role !== 'admin')
    throw Errors.forbidden('Only an admin may order for another user');
  let user: InternalUserResponse;
  try {
    user = await deps.userService.get<InternalUserResponse>(`/internal/users/${userId}`);
  } catch (err) {
    // 503 (user-service down, breaker open) goes through; an unknown user is ORDER_001
    if ((err as { code?: string }).code === 'USER_004') throw OrderErrors.invalidUser();
    throw err;
  }
  if (user.tenant_id !== actor.tenantId || !user.is_active) throw OrderErrors.invalidUser();
  return userId;
}

/** The lines asked for (the body's, or the cart's), one per product; ORDER_002 when there are none. */
export async function requestedLines(
  tenantId: string,
  userId: string,
  body: CreateOrderRequest,
  deps: OrderDeps,
): Promise<Requested[]> {
  let lines: Requested[] = body.items ?? [];
  if (body.fromCart) {
    if (!deps.carts) throw Errors.validation('Ordering from the cart is not available');
    lines = await deps.carts.lines(tenantId, userId);
  }
  const merged = new Map<string, Requested>();
  for (const l of lines) {
    const seen = merged.get(l.productId);
    merged.set(l.productId, seen ? { ...seen, quantity: seen.quantity + l.quantity } : { ...l });
  }
  if (!merged.size) throw OrderErrors.emptyItems();
  return [...merged.values()];
}

/** Prices from the catalog: unknown item 404, a client price that differs 409 with the current one. */
export async function priceLines(
  tenantId: string,
  requested: Requested[],
  deps: OrderDeps,
): Promise<{ lines: OrderLine[]; currency: string }> {
  const items = new Map(
    (
      await deps.catalog.items(
        tenantId,
        requested.map((r) => r.productId),
      )
    ).map((i) => [i.id, i]),
  );
  const lines = requested.map((r): OrderLine => {
    const item = items.get(r.productId);
    if (!item) throw OrderErrors.itemNotFound(r.productId);
    if (r.price !== undefined && toMinor(r.price) !== item.price)
      throw OrderErrors.priceChanged(r.productId, item.price / 100);
    return {
      product_id: item.id,
      ...(item.name ? { name: item.name } : {}),
      quantity: r.quantity,
      unit_price: item.price,
    };
  });
  const currencies = new Set(requested.map((r) => items.get(r.productId)!.currency));
  if (currencies.size > 1) throw Errors.validation('All items of an order must be in one currency');
  return { lines, currency: [...currencies][0] };
}
