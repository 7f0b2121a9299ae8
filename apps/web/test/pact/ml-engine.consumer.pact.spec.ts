import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { EXAMPLE, TEST_ONLY_JWK, testOnlyAccessToken } from '@platform/clients/testing';
import { consumerPact, isoTime, MatchersV3, serviceTokenHeader } from '@platform/pact';
import { createLogger, createMetrics } from '@platform/service-kit';
import express from 'express';
import request from 'supertest';
import { compose } from '../../src/compose';
import { loadWebConfig } from '../../src/config';

const { like, eachLike, regex, uuid, boolean, integer, fromProviderState } = MatchersV3;
const JOB_ID = '3d6f1c2a-8b4e-4f7a-9c1d-5e2b7a9f0c11';
const VERSION = 'v1.0.0';
const STATUS = '^(queued|running|completed|failed)$';

/**
 * The dashboard's training and model calls: web's real routes (/web-api/ml/*) and its ServiceClient for
 * ml-engine, composed as main.ts composes it, ml-engine being Pact's mock. The signed-in admin's tenant
 * goes as X-Tenant-Id (the provider's state names the real one); the answers pass through to the browser.
 */
const pact = consumerPact('web', 'ml-engine');
const config = loadWebConfig({ ...process.env, NODE_ENV: 'test' });
const token = testOnlyAccessToken(
  { sub: EXAMPLE.userId, tenant_id: EXAMPLE.tenantId, role: 'admin' },
  { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
);
const tenantHeader = fromProviderState('${tenantId}', EXAMPLE.tenantId);
const headers = { authorization: serviceTokenHeader('web', 'ml-engine'), 'x-tenant-id': tenantHeader };
const auth = { authorization: `Bearer ${token}` };

const job = {
  job_id: fromProviderState('${jobId}', JOB_ID),
  model_type: like('matrix_factorization'),
  status: regex(STATUS, 'completed'),
  progress: like(1),
  epochs: eachLike({ epoch: integer(1), loss: like(0.5) }),
  model_version: fromProviderState('${version}', VERSION),
  created_at: isoTime(),
};
const modelVersion = {
  version: fromProviderState('${version}', VERSION),
  model_type: like('matrix_factorization'),
  status: regex('^(active|candidate|retired)$', 'active'),
  validation_metrics: like({ ndcg_at_10: 0.4, recall_at_10: 0.3 }),
  created_at: isoTime(),
};

describe('web → ml-engine', () => {
  // user-service's JWKS with the test-only key: web verifies the admin's access token with it
  let jwks: Server;
  let jwksUrl = '';
  beforeAll(async () => {
    const app = express().get(
      '/.well-known/jwks.json',
      (_req, res) => void res.json({ keys: [TEST_ONLY_JWK] }),
    );
    jwks = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => jwks.close(resolve)));

  const web = async (mlUrl: string) => {
    const ctx = { logger: createLogger('web', 'silent'), metrics: createMetrics('web', { defaults: false }) };
    return (await compose({ config: { ...config, USER_SERVICE_URL: jwksUrl, ML_ENGINE_URL: mlUrl }, ...ctx }))
      .app;
  };

  it('queues a training job for the admin’s shop and answers 202 with the job', async () => {
    await pact
      .addInteraction()
      .given('a shop has training data')
      .uponReceiving('a request to trigger training')
      .withRequest('POST', '/internal/ml/training/trigger', (b) =>
        b.headers({ ...headers, 'content-type': 'application/json' }).jsonBody({
          tenant_id: tenantHeader,
          training_config: { model_type: 'matrix_factorization', hyperparameters: { epochs: 2 } },
        }),
      )
      .willRespondWith(202, (b) =>
        b.jsonBody({
          job_id: uuid(JOB_ID),
          status: regex(STATUS, 'queued'),
          estimated_duration_minutes: like(1),
        }),
      )
      .executeTest(async (mock) => {
        const res = await request(await web(mock.url))
          .post('/web-api/ml/training/trigger')
          .set(auth)
          .send({ training_config: { model_type: 'matrix_factorization', hyperparameters: { epochs: 2 } } })
          .expect(202);
        expect(res.body).toMatchObject({ job_id: JOB_ID, status: 'queued' });
      });
  });

  it('lists the shop’s training jobs, newest first', async () => {
    await pact
      .addInteraction()
      .given('a shop has trained a model')
      .uponReceiving('a request for the training jobs')
      .withRequest('GET', '/internal/ml/training/jobs', (b) => b.headers(headers).query({ limit: '20' }))
      .willRespondWith(200, (b) => b.jsonBody({ jobs: eachLike(job) }))
      .executeTest(async (mock) => {
        const res = await request(await web(mock.url))
          .get('/web-api/ml/training/jobs')
          .set(auth)
          .expect(200);
        expect(res.body.jobs[0]).toMatchObject({
          job_id: JOB_ID,
          status: 'completed',
          model_version: VERSION,
        });
      });
  });

  it('shows one training job with its epochs and the version it registered', async () => {
    await pact
      .addInteraction()
      .given('a shop has trained a model')
      .uponReceiving('a request for a training job')
      .withRequest(
        'GET',
        fromProviderState('/internal/ml/training/jobs/${jobId}', `/internal/ml/training/jobs/${JOB_ID}`),
        (b) => b.headers(headers),
      )
      .willRespondWith(200, (b) => b.jsonBody(job))
      .executeTest(async (mock) => {
        const res = await request(await web(mock.url))
          .get(`/web-api/ml/training/jobs/${JOB_ID}`)
          .set(auth)
          .expect(200);
        expect(res.body).toMatchObject({ job_id: JOB_ID, model_version: VERSION, epochs: [{ epoch: 1 }] });
      });
  });

  it('answers 404 for a job the shop does not have, as ml-engine says', async () => {
    const unknown = '00000000-0000-4000-8000-000000000404';
    await pact
      .addInteraction()
      .given('a shop has trained a model')
      .uponReceiving('a request for a training job that does not exist')
      .withRequest('GET', `/internal/ml/training/jobs/${unknown}`, (b) => b.headers(headers))
      .willRespondWith(404, (b) =>
        b.jsonBody({ error: { code: 'NOT_FOUND', message: like('Training job not found') } }),
      )
      .executeTest(async (mock) => {
        const res = await request(await web(mock.url))
          .get(`/web-api/ml/training/jobs/${unknown}`)
          .set(auth)
          .expect(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      });
  });

  it('reads and changes the shop’s retrain policy', async () => {
    const policy = {
      enabled: boolean(true),
      model_type: like('matrix_factorization'),
      min_new_rows: integer(500),
    };
    await pact
      .addInteraction()
      .given('a shop has trained a model')
      .uponReceiving('a request for the retrain policy')
      .withRequest('GET', '/internal/ml/training/policy', (b) => b.headers(headers))
      .willRespondWith(200, (b) =>
        b.jsonBody({ ...policy, enabled: boolean(false), min_new_rows: integer(1000) }),
      )
      .executeTest(async (mock) => {
        const res = await request(await web(mock.url))
          .get('/web-api/ml/training/policy')
          .set(auth)
          .expect(200);
        expect(res.body).toEqual({ enabled: false, model_type: 'matrix_factorization', min_new_rows: 1000 });
      });
    const body = { enabled: true, model_type: 'matrix_factorization', min_new_rows: 500 };
    await pact
      .addInteraction()
      .given('a shop has trained a model')
      .uponReceiving('a request to change the retrain policy')
      .withRequest('PUT', '/internal/ml/training/policy', (b) =>
        b.headers({ ...headers, 'content-type': 'application/json' }).jsonBody(body),
      )
      .willRespondWith(200, (b) => b.jsonBody(policy))
      .executeTest(async (mock) => {
        const res = await request(await web(mock.url))
          .put('/web-api/ml/training/policy')
          .set(auth)
          .send(body)
          .expect(200);
        expect(res.body).toEqual(body);
      });
  });

  it('lists the shop’s model versions and activates one', async () => {
    await pact
      .addInteraction()
      .given('a shop has trained a model')
      .uponReceiving('a request for the model versions')
      .withRequest('GET', '/internal/ml/models', (b) => b.headers(headers))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          active_version: fromProviderState('${version}', VERSION),
          models: eachLike(modelVersion),
        }),
      )
      .executeTest(async (mock) => {
        const res = await request(await web(mock.url))
          .get('/web-api/ml/models')
          .set(auth)
          .expect(200);
        expect(res.body).toMatchObject({
          active_version: VERSION,
          models: [{ version: VERSION, status: 'active' }],
        });
      });
    await pact
      .addInteraction()
      .given('a shop has trained a model')
      .uponReceiving('a request to activate a model version')
      .withRequest(
        'POST',
        fromProviderState(
          '/internal/ml/models/${version}/activate',
          `/internal/ml/models/${VERSION}/activate`,
        ),
        (b) => b.headers(headers),
      )
      .willRespondWith(200, (b) => b.jsonBody(modelVersion))
      .executeTest(async (mock) => {
        const res = await request(await web(mock.url))
          .post(`/web-api/ml/models/${VERSION}/activate`)
          .set(auth)
          .expect(200);
        expect(res.body).toMatchObject({ version: VERSION, status: 'active' });
      });
  });
});
