import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareRoutesWithDocument } from '@platform/service-kit';
import request from 'supertest';
import { buildPaymentServiceOpenApi } from '../src/openapi/openapi';
import { startPaymentService, type PaymentService } from './harness';

describe('payment-service OpenAPI', () => {
  let svc: PaymentService;
  beforeAll(async () => void (svc = await startPaymentService({ startBackground: false })));
  afterAll(() => svc?.stop());

  it('serves /openapi.json built from the contract schemas, equal to the committed contracts/openapi/payment-service.json', async () => {
    const res = await request(svc.app).get('/openapi.json').expect(200);
    const committed = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../../contracts/openapi/payment-service.json'), 'utf8'),
    );
    expect(res.body).toEqual(committed); // if this fails: npx nx run payment-service:openapi, and commit
    const create = res.body.paths['/api/payments'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['orderId', 'amount', 'currency', 'paymentMethod']),
    );
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/webhooks/payment-gateway', '/api/circuit-breaker/status']),
    );
  });

  it('documents every route the app serves, and routes every documented operation', () => {
    const { undocumented, unrouted } = compareRoutesWithDocument(svc.app, buildPaymentServiceOpenApi());
    expect(unrouted).toEqual([]);
    expect(undocumented).toEqual([]);
  });
});
