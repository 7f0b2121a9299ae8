import { GATEWAY_SIGNATURE_HEADER, GATEWAY_TIMESTAMP_HEADER } from '@platform/contracts';
import { rawBody } from '@platform/service-kit';
import { Router } from 'express';
import { processGatewayWebhook, type GatewayWebhookDeps } from './process-gateway-webhook';

export const GATEWAY_WEBHOOK_PATH = '/api/webhooks/payment-gateway';

/** `POST /api/webhooks/payment-gateway`: no credential; the signature is the authentication. */
export function gatewayWebhookRouter(deps: GatewayWebhookDeps): Router {
  const router = Router();
  router.post(GATEWAY_WEBHOOK_PATH, async (req, res) => {
    res.json(
      await processGatewayWebhook(
        {
          rawBody: rawBody(req),
          body: req.body,
          signature: req.get(GATEWAY_SIGNATURE_HEADER),
          timestamp: req.get(GATEWAY_TIMESTAMP_HEADER),
        },
        deps,
      ),
    );
  });
  return router;
}
