import { SUPPLIER_SIGNATURE_HEADER, SUPPLIER_TIMESTAMP_HEADER } from '@platform/contracts';
import { rawBody } from '@platform/service-kit';
import { Router } from 'express';
import { processSupplierWebhook, type SupplierWebhookDeps } from './process-supplier-webhook';

/** Paths whose exact body bytes createService keeps (the signature is over them). */
export const WEBHOOK_PATH_PREFIX = '/api/webhooks/';

/** `POST /api/webhooks/supplier`: no user credential; the signature is the authentication. */
export function supplierWebhookRouter(deps: SupplierWebhookDeps): Router {
  const router = Router();
  router.post('/api/webhooks/supplier', async (req, res) => {
    res.json(
      await processSupplierWebhook(
        {
          rawBody: rawBody(req),
          body: req.body,
          signature: req.get(SUPPLIER_SIGNATURE_HEADER),
          timestamp: req.get(SUPPLIER_TIMESTAMP_HEADER),
        },
        deps,
      ),
    );
  });
  return router;
}
