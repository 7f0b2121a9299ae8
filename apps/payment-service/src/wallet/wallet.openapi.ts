import {
  PaymentResponseSchema,
  WalletQuerySchema,
  WalletResponseSchema,
  WalletTopUpRequestSchema,
} from '@platform/contracts';
import { registerOperation, type OpenApiRegistrar } from '@platform/service-kit';

/** The paths of wallet.routes.ts (seed 003 user balance). */
export const registerWalletPaths: OpenApiRegistrar = (registry) => {
  registerOperation(registry, {
    method: 'get',
    path: '/api/wallet',
    summary:
      'The signed-in user’s own wallet in their shop: balance and latest ledger entries, newest first (0 and none before the first top-up)',
    access: 'user',
    query: WalletQuerySchema,
    responses: { 200: { description: 'The wallet', schema: WalletResponseSchema } },
  });
  registerOperation(registry, {
    method: 'post',
    path: '/api/wallet/top-up',
    summary:
      'Top the wallet up by card: a payment of its own (purpose wallet_top_up), processing until the gateway confirms the charge, which credits the wallet once',
    access: 'user',
    body: WalletTopUpRequestSchema,
    responses: { 201: { description: 'The top-up payment, processing', schema: PaymentResponseSchema } },
    errors: {
      400: 'PAY_001: the card is invalid (details.field names it: paymentMethod.cardNumber …); VALIDATION_ERROR: the rest of the body',
      503: 'SERVICE_UNAVAILABLE: the payment gateway refused or could not take the charge (nothing charged), or the store is down',
    },
  });
};
