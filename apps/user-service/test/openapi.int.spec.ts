import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ErrorEnvelopeSchema } from '@platform/contracts';
import { compareRoutesWithDocument } from '@platform/service-kit';
import request from 'supertest';
import { buildUserServiceOpenApi } from '../src/openapi/openapi';
import { startUserService, type UserService } from './harness';

type Operation = { requestBody?: { required?: boolean }; responses: Record<string, unknown> };
const operations = (doc: ReturnType<typeof buildUserServiceOpenApi>) =>
  Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ method, path: p, op })),
  );

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
    expect(res.body.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toEqual(
      ['email', 'username', 'password'],
    );
  });

  it('documents every route the app serves, and routes every documented operation', () => {
    expect(compareRoutesWithDocument(svc.app, buildUserServiceOpenApi())).toEqual({
      undocumented: [],
      unrouted: [],
    });
  });

  it('marks every request body required: an empty one is a 400, as the document now says', async () => {
    const withBody = operations(buildUserServiceOpenApi()).filter((o) => o.op.requestBody);
    expect(withBody.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'post /api/users',
        'post /api/v1/auth/login',
        'post /api/v1/auth/refresh',
        'post /api/v1/auth/logout',
        'post /api/v1/auth/register',
      ]),
    );
    for (const { method, path: p, op } of withBody) {
      expect(`${method} ${p} required=${op.requestBody?.required}`).toBe(`${method} ${p} required=true`);
      expect(Object.keys(op.responses)).toContain('400');
    }
    for (const p of [
      '/api/users',
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/auth/register',
    ]) {
      const res = await request(svc.app).post(p).set('content-type', 'application/json').send('');
      expect(`${p} ${res.status} ${res.body.error?.code}`).toBe(`${p} 400 VALIDATION_ERROR`);
    }
  });

  it('declares the statuses the server answers, errors in the envelope', () => {
    const byOp = new Map(operations(buildUserServiceOpenApi()).map((o) => [`${o.method} ${o.path}`, o.op]));
    const statuses = (key: string) => Object.keys(byOp.get(key)?.responses ?? {});
    expect(statuses('post /api/v1/auth/login')).toEqual(
      expect.arrayContaining(['200', '400', '401', '429', '503']),
    );
    expect(statuses('post /api/users')).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409', '503']),
    );
    expect(statuses('get /api/users/{user_id}')).toEqual(
      expect.arrayContaining(['400', '401', '403', '404', '503']),
    );
    expect(statuses('post /api/v1/api-keys')).toEqual(expect.arrayContaining(['400', '401', '403', '503']));
    expect(statuses('post /internal/api-keys/verify')).toEqual(expect.arrayContaining(['401', '403']));
    const envelope = JSON.stringify(
      (byOp.get('get /api/users/{user_id}')?.responses['404'] as { content: unknown }).content,
    );
    expect(envelope).toContain('request_id');
  });

  it('answers a body in a charset it does not read with the declared 415', async () => {
    const res = await request(svc.app)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json; charset=latin1')
      .send('{}');
    expect(res.status).toBe(415);
    const declared = buildUserServiceOpenApi().paths?.['/api/v1/auth/login']?.post?.responses;
    expect(Object.keys(declared ?? {})).toContain('415');
  });

  it('answers an undeclared method on a known path with 405 and Allow, not 404', async () => {
    const { access_token } = await svc.register();
    const trace = await request(svc.app)
      .trace('/api/v1/tenant')
      .set('authorization', `Bearer ${access_token}`);
    expect([trace.status, trace.headers.allow]).toEqual([405, 'GET, HEAD']);
    const patch = await request(svc.app).patch('/api/users/00000000-0000-4000-8000-000000000000').send({});
    expect([patch.status, patch.headers.allow]).toEqual([405, 'DELETE, GET, HEAD, PUT']);
    expect(ErrorEnvelopeSchema.parse(patch.body).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await request(svc.app).get('/docs/').expect(200);
    expect(res.text).toContain('swagger-ui');
  });
});
