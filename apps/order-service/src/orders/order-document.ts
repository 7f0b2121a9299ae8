import { type OrderStatus } from '@platform/contracts';

/**
 * `reserving`: written before any stock is reserved, so a crash leaves a record of what to give back;
 * `abandoned`: a `reserving` order the sweeper gave up on (never shown at the API).
 */
export type StoredStatus = OrderStatus | 'reserving' | 'abandoned';

/** One line, money in minor units (cents). */
export interface OrderLine {
  product_id: string;
  name?: string;
  quantity: number;
  unit_price: number;
}

/** The `orders` document. Its events wait in `outbox` (withEvents) until the relay publishes them. */
export interface OrderDoc {
  _id: string;
  tenant_id: string;
  user_id: string;
  status: StoredStatus;
  lines: OrderLine[];
  currency: string;
  subtotal: number;
  discount: number;
  total: number;
  promo_code?: string;
  /** The client's Idempotency-Key, or `order:<id>` without one (a unique index needs a value: no partial indexes). */
  idem: string;
  body_hash?: string;
  /**
   * Product ids whose stock is reserved for this order (marked right after each reservation). The item
   * itself holds the truth: its `holds` name the orders a reservation is for (catalog/items.repository.ts).
   */
  reserved: string[];
  /** Product ids of a paid order that was cancelled, put back on sale (claimed first: never twice). */
  released: string[];
  /** True once nothing of this order holds stock any more (or it never will, once fulfilled/confirmed). */
  stock_released: boolean;
  payment_id?: string;
  /** The W3C traceparent of the request that created it: its payment (payment-service) joins that trace. */
  traceparent?: string;
  failure_reason?: string;
  /** Keys the supplier delivered: never logged, never in an event. */
  fulfilment_keys?: string[];
  created_at: Date;
  updated_at: Date;
  expires_at: Date;
  confirmed_at?: Date;
  cancelled_at?: Date;
  processed_events?: string[];
}
