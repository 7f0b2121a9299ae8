import { requireService, requireUser, type ServiceTokens } from '@platform/auth';
import {
  ApiKeyIdParamsSchema,
  CreateApiKeyRequestSchema,
  VerifyApiKeyRequestSchema,
} from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { type Store } from '../db/store';
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from './api-keys';

/** Seed 002 §6 API keys, and the internal check other services use to accept them. */
export function apiKeysRouter(deps: { store: Store; serviceTokens: ServiceTokens }): Router {
  const router = Router();

  router.get('/api/v1/api-keys', async (_req, res) => {
    res.json(await listApiKeys(requireUser(res), deps));
  });

  router.post('/api/v1/api-keys', async (req, res) => {
    const actor = requireUser(res);
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json(await createApiKey(actor, parseInput(CreateApiKeyRequestSchema, req.body), deps));
  });

  router.delete('/api/v1/api-keys/:id', async (req, res) => {
    const actor = requireUser(res);
    await revokeApiKey(actor, parseInput(ApiKeyIdParamsSchema, req.params, 'params').id, deps);
    res.status(204).end();
  });

  // the services that accept API keys from their clients ask here
  const keyCheckers = requireService(deps.serviceTokens, {
    audience: 'user-service',
    callers: ['order-service', 'payment-service', 'data-pipeline', 'ml-engine'],
  });
  router.post('/internal/api-keys/verify', keyCheckers, async (req, res) => {
    res.json(await verifyApiKey(parseInput(VerifyApiKeyRequestSchema, req.body).key, deps));
  });

  return router;
}
