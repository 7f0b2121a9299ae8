import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareRoutesWithDocument } from '@platform/service-kit';
import request from 'supertest';
import { buildOrderServiceOpenApi } from '../src/openapi/openapi';
import { startOrderService, type OrderService } from './harness';

describe('order-service OpenAPI', () => {
  let svc: OrderService;
  beforeAll(async () => void (svc = await startOrderService({ startBackground: false })));
  afterAll(() => svc?.stop());

  it('serves /openapi.json built from the contract schemas, equal to the committed contracts/openapi/order-service.json', async () => {
    const res = await request(svc.app).get('/openapi.json').expect(200);
    const committed = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../../contracts/openapi/order-service.json'), 'utf8'),
    );
    expect(res.body).toEqual(committed); // if this fails: npx nx run order-service:openapi, and commit
    expect(res.body.paths['/api/items'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['title', 'category', 'price']),
    );
  });

  it('documents every route the app serves, and routes every documented operation', () => {
    const { undocumented, unrouted } = compareRoutesWithDocument(svc.app, buildOrderServiceOpenApi());
    expect(unrouted).toEqual([]);
    expect(undocumented).toEqual([]);
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await request(svc.app).get('/docs/').expect(200);
    expect(res.text).toContain('swagger-ui');
  });
});
