import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { buildOpenApiDocument } from '../src/openapi/openapi';
import { startUserService, type UserService } from './harness';

describe('OpenAPI', () => {
  let svc: UserService;
  beforeAll(async () => void (svc = await startUserService()));
  afterAll(() => svc.stop());

  it('serves /openapi.json built from the contract schemas, equal to the committed contracts/openapi/user-service.json', async () => {
    const res = await request(svc.app).get('/openapi.json').expect(200);
    const committed = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../../contracts/openapi/user-service.json'), 'utf8'),
    );
    expect(res.body).toEqual(committed); // if this fails: npx nx run user-service:openapi, and commit
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/users/{user_id}', '/api/v1/auth/login', '/internal/api-keys/verify']),
    );
    expect(res.body.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toEqual(
      ['email', 'username', 'password'],
    );
  });

  it('documents every route the app serves', async () => {
    const doc = buildOpenApiDocument();
    for (const [p, methods] of Object.entries(doc.paths ?? {})) {
      for (const method of Object.keys(methods as object)) {
        const concrete = p.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await request(svc.app)[method as 'get' | 'post' | 'put' | 'delete'](concrete).send({});
        expect(`${method} ${p}: ${res.body?.error?.message ?? res.status}`).not.toMatch(/No route for/);
      }
    }
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await request(svc.app).get('/docs/').expect(200);
    expect(res.text).toContain('swagger-ui');
  });
});
