import { ErrorEnvelopeSchema } from '@platform/contracts';
import { Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { createLogger } from '../observability/logger';
import { createMetrics } from '../observability/metrics';
import { createService } from '../service';
import { buildOpenApiDocument, compareRoutesWithDocument, openApiRouter, registerOperation } from './openapi';
import { listRoutes } from './route-list';

function appWith(routes: Router[]) {
  return createService({
    name: 'test',
    version: '1.0.0',
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test', { defaults: false }),
    checks: [],
    routes,
  }).app;
}

const items = Router();
items.get('/items/:id', (_req, res) => void res.json({}));
items.put('/items/:id', (_req, res) => void res.json({}));
const nested = Router();
nested.post('/orders', (_req, res) => void res.status(201).json({}));
const mounted = Router().use('/v2', nested);

describe('listRoutes', () => {
  it('lists every method+path, nested and mounted routers included, in OpenAPI spelling', () => {
    const routes = listRoutes(appWith([items, mounted]));
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'get', path: '/items/{id}' },
        { method: 'put', path: '/items/{id}' },
        { method: 'post', path: '/v2/orders' },
        { method: 'get', path: '/health' },
        { method: 'get', path: '/ready' },
        { method: 'get', path: '/metrics' },
      ]),
    );
    expect(routes.filter((r) => r.path.includes(':'))).toEqual([]);
  });
});

describe('405 for a known path with a method it does not serve', () => {
  const app = appWith([items, mounted]);

  it('answers 405 with Allow, in the error envelope', async () => {
    const res = await request(app).patch('/items/42').send({});
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, PUT');
    expect(ErrorEnvelopeSchema.parse(res.body).error).toMatchObject({
      code: 'METHOD_NOT_ALLOWED',
      details: { allow: ['GET', 'HEAD', 'PUT'] },
    });
  });

  it('also for TRACE and for paths of nested routers', async () => {
    const trace = await request(app).trace('/items/42');
    expect(trace.status).toBe(405);
    const get = await request(app).get('/v2/orders');
    expect([get.status, get.headers.allow]).toEqual([405, 'POST']);
  });

  it('keeps 404 for unknown paths and serves the allowed methods', async () => {
    expect((await request(app).get('/items/42/more')).status).toBe(404);
    expect((await request(app).get('/nowhere')).status).toBe(404);
    expect((await request(app).put('/items/42')).status).toBe(200);
    expect((await request(app).head('/items/42')).status).toBe(200);
  });
});

describe('compareRoutesWithDocument', () => {
  const documented = (extra?: (r: Parameters<typeof registerOperation>[0]) => void) =>
    buildOpenApiDocument({ title: 't', version: '1' }, [
      (r) => {
        registerOperation(r, {
          method: 'get',
          path: '/items/{id}',
          summary: 'an item',
          access: 'user',
          params: z.object({ id: z.string() }),
          responses: { 200: { description: 'ok' } },
        });
        extra?.(r);
      },
    ]);

  it('finds routes the document misses and documented operations nothing routes', () => {
    const doc = documented((r) =>
      registerOperation(r, {
        method: 'delete',
        path: '/items/{id}',
        summary: 'not routed',
        access: 'user',
        responses: { 204: { description: 'gone' } },
      }),
    );
    expect(compareRoutesWithDocument(appWith([openApiRouter(doc), items]), doc)).toEqual({
      undocumented: ['put /items/{id}'],
      unrouted: ['delete /items/{id}'],
    });
  });

  it('finds nothing when both agree (the platform paths come with the helper)', () => {
    const doc = documented();
    const only = Router().get('/items/:id', (_req, res) => void res.json({}));
    expect(compareRoutesWithDocument(appWith([openApiRouter(doc), only]), doc)).toEqual({
      undocumented: [],
      unrouted: [],
    });
  });
});

describe('registerOperation', () => {
  const doc = buildOpenApiDocument({ title: 't', version: '1' }, [
    (r) =>
      registerOperation(r, {
        method: 'post',
        path: '/things',
        summary: 'create',
        access: 'user',
        body: z.object({ name: z.string() }),
        responses: { 201: { description: 'created' } },
        errors: { 409: 'taken' },
      }),
  ]);
  const op = (
    doc.paths?.['/things'] as Record<string, { requestBody: { required: boolean }; responses: object }>
  ).post;

  it('marks a JSON body required and declares every error status it implies, in the envelope', () => {
    expect(op.requestBody.required).toBe(true);
    expect(Object.keys(op.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '503',
    ]);
    expect(JSON.stringify((op.responses as Record<string, unknown>)['409'])).toContain('request_id');
  });
});
