import { verifyProvider } from '@platform/pact';
import { startPaymentService, type PaymentService } from '../harness';
import { paymentMessages } from './payment-messages';

/**
 * payment-service verified against every pact that names it (contracts/pacts/): the payment.events its
 * consumers (order-service, notification-worker) rely on, each produced by the real use case.
 */
describe('pact: payment-service as a provider', () => {
  let svc: PaymentService;
  // no relay: the events stay in the outbox stream, where the message providers read them
  beforeAll(async () => void (svc = await startPaymentService({ startBackground: false })));
  afterAll(() => svc?.stop());

  it('honours every pact of its consumers', async () => {
    const { stateHandlers, messageProviders } = paymentMessages(svc);
    const result = await verifyProvider({
      provider: 'payment-service',
      baseUrl: svc.url,
      stateHandlers,
      messageProviders,
    });
    expect(result.ok).toBe(true);
  }, 180_000);
});
