import { type PaymentMethodSummary } from '@platform/contracts';

/** Every amount in integer cents; templates format them with `money` in the mail's currency. */
type Cents = number;

interface OrderMail {
  /** How the buyer is greeted: first name, else username. */
  name: string;
  order_id: string;
  /** The first block of the order id, short enough for a subject line. */
  short_id: string;
}

export interface ReceiptLine {
  name: string;
  quantity: number;
  unit_price: Cents;
  line_total: Cents;
}

/** What each template reads; `Templates.render` takes the model of the template it renders. */
export interface TemplateModels {
  welcome: { name: string; username: string };
  'verify-email': { username: string; link: string; token: string };
  'order-confirmed': OrderMail & {
    lines: ReceiptLine[];
    subtotal: Cents;
    discount: Cents;
    promo_code: string | undefined;
    total: Cents;
    currency: string;
    payment: PaymentMethodSummary | undefined;
  };
  'payment-failed': OrderMail & {
    amount: Cents;
    currency: string;
    reason: string;
    payment: PaymentMethodSummary | undefined;
  };
  'order-cancelled': OrderMail & { total: Cents; currency: string };
  'order-cancelled-refunded': OrderMail & {
    amount: Cents;
    currency: string;
    payment: PaymentMethodSummary | undefined;
    card: boolean;
  };
  'refund-issued': OrderMail & {
    amount: Cents;
    refunded_total: Cents;
    /** Whether refunds came before this one (the mail then shows the total so far). */
    earlier: boolean;
    /** The order had closed (expired, or closed before the charge went through): the mail says so. */
    order_closed: boolean;
    currency: string;
    payment: PaymentMethodSummary | undefined;
    card: boolean;
  };
  'order-fulfilled': OrderMail & { keys: string[] };
  'order-expired': OrderMail;
}

export type TemplateName = keyof TemplateModels;
