import { ErrorEnvelopeSchema, HealthResponseSchema } from '@platform/contracts';
import { Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { AppError, Errors } from './errors/app-error';
import { createLogger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { parseInput } from './http/validation';
import { createService, rawBody } from './service';
import { type HealthCheck } from './http/health';
import { currentContext } from './observability/context';

const ok: HealthCheck = { name: 'database', critical: true, check: async () => undefined };
const down = (name: string, critical: boolean): HealthCheck => ({
  name,
  critical,
  check: () => Promise.reject(new Error('down')),
});

function appWith(routes: Router[], checks: HealthCheck[] = [ok]) {
  const logger = createLogger('test', 'silent');
  return createService({
    name: 'test',
    version: '9.9.9',
    logger,
    metrics: createMetrics('test', { defaults: false }),
    checks,
    routes,
  });
}

describe('createService', () => {
  const router = Router();
  router.post('/echo', (req, res) => {
    res.json(parseInput(z.object({ name: z.string().min(2) }), req.body));
  });
  router.get('/teapot', () => {
    throw new AppError({ code: 'USER_004', status: 404, message: 'User not found' });
  });
  router.get('/boom', async () => {
    throw new Error('password=hunter2 at db.internal:5432');
  });
  router.get('/db-down', async () => {
    throw Errors.unavailable('The database is unavailable');
  });
  router.get('/whoami', (_req, res) => {
    res.json(currentContext());
  });
  const { app } = appWith([router]);

  it('answers validation failures with 400 VALIDATION_ERROR naming the field', async () => {
    const res = await request(app).post('/echo').send({ name: 'x' });
    expect(res.status).toBe(400);
    expect(ErrorEnvelopeSchema.parse(res.body).error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { field: 'name' },
      request_id: res.headers['x-request-id'],
    });
  });

  it('answers an outage with 503 SERVICE_UNAVAILABLE and Retry-After, so a client knows to come back', async () => {
    const res = await request(app).get('/db-down');
    expect(res.status).toBe(503);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('1');
  });

  it('maps malformed JSON to 400, not 500', async () => {
    const res = await request(app).post('/echo').set('content-type', 'application/json').send('{"name":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('maps an AppError to its status and code', async () => {
    const res = await request(app).get('/teapot');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'USER_004', message: 'User not found' });
  });

  it('hides the text of unexpected errors behind INTERNAL_ERROR', async () => {
    const res = await request(app).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: 'INTERNAL_ERROR', message: 'Internal server error' });
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|db\.internal/);
  });

  it('answers unknown routes with 404 in the envelope', async () => {
    const res = await request(app).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('keeps a safe incoming request id and continues the incoming trace', async () => {
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await request(app)
      .get('/whoami')
      .set('x-request-id', 'req-123')
      .set('traceparent', `00-${trace}-00f067aa0ba902b7-01`);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.body).toMatchObject({ request_id: 'req-123', trace_id: trace });
    expect(res.body.span_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('replaces an unsafe request id', async () => {
    const res = await request(app).get('/whoami').set('x-request-id', 'x'.repeat(500));
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the seed metric names', async () => {
    await request(app).get('/teapot');
    const res = await request(app).get('/metrics');
    expect(res.text).toMatch(
      /http_requests_total\{service="test",method="GET",endpoint="\/teapot",status_code="404"\} \d/,
    );
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/http_errors_total\{service="test",endpoint="\/teapot",error_type="USER_004"\}/);
  });
});

describe('health and readiness', () => {
  it('is healthy when every check passes', async () => {
    const res = await request(appWith([]).app).get('/health');
    expect(res.status).toBe(200);
    expect(HealthResponseSchema.parse(res.body)).toMatchObject({
      status: 'healthy',
      version: '9.9.9',
      checks: { database: 'healthy' },
    });
  });

  it('is degraded (200) when a non-critical check fails', async () => {
    const res = await request(appWith([], [ok, down('cache', false)]).app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'degraded',
      checks: { database: 'healthy', cache: 'degraded' },
    });
    expect((await request(appWith([], [ok, down('cache', false)]).app).get('/ready')).body).toEqual({
      ready: true,
    });
  });

  it('is unhealthy (503) and not ready when a critical check fails', async () => {
    const { app } = appWith([], [down('database', true)]);
    const res = await request(app).get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unhealthy', checks: { database: 'unhealthy' } });
    const ready = await request(app).get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ ready: false });
  });

  it('is not ready while draining for shutdown', async () => {
    const { app, health } = appWith([]);
    health.draining = true;
    expect((await request(app).get('/ready')).status).toBe(503);
  });
});

describe('Errors', () => {
  it('marks outages retriable and client faults not', () => {
    expect(Errors.unavailable().retriable).toBe(true);
    expect(Errors.validation('x').retriable).toBe(false);
    expect(Errors.rateLimited().status).toBe(429);
  });
});

describe('keepRawBody', () => {
  const router = Router();
  router.post(['/hooks/in', '/other'], (req, res) => {
    res.json({ raw: rawBody(req)?.toString('utf8') ?? null, parsed: req.body });
  });
  const { app } = createService({
    name: 'test',
    version: '1',
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test', { defaults: false }),
    checks: [ok],
    routes: [router],
    keepRawBody: (p) => p.startsWith('/hooks/'),
  });
  // spacing and key order a re-serialisation would lose
  const sent = '{ "b": 1,   "a": "x" }';

  it('keeps the exact bytes for the paths it names, beside the parsed body', async () => {
    const res = await request(app).post('/hooks/in').set('content-type', 'application/json').send(sent);
    expect(res.body).toEqual({ raw: sent, parsed: { b: 1, a: 'x' } });
  });

  it('keeps nothing for other paths', async () => {
    const res = await request(app).post('/other').set('content-type', 'application/json').send(sent);
    expect(res.body).toEqual({ raw: null, parsed: { b: 1, a: 'x' } });
  });
});

describe('largeBodies', () => {
  const router = Router();
  router.post(['/bulk', '/small'], (req, res) => {
    res.json({ n: (req.body as { blob: string }).blob.length });
  });
  const { app } = createService({
    name: 'test',
    version: '1',
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test', { defaults: false }),
    checks: [ok],
    routes: [router],
    bodyLimit: '1kb',
    largeBodies: { paths: ['/bulk'], limit: '10kb' },
  });
  const body = { blob: 'x'.repeat(5000) };

  it('takes a body over the default limit on the paths it names', async () => {
    const res = await request(app).post('/bulk').send(body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ n: 5000 });
  });

  it('keeps the default limit elsewhere (413 in the envelope)', async () => {
    const res = await request(app).post('/small').send(body);
    expect(res.status).toBe(413);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('still has a limit on the paths it names', async () => {
    const res = await request(app)
      .post('/bulk')
      .send({ blob: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
  });
});

describe('beforeBody', () => {
  const router = Router();
  router.post('/parsed', (req, res) => res.json({ body: req.body as unknown }));
  const { app } = createService({
    name: 'test',
    version: '9.9.9',
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test', { defaults: false }),
    checks: [ok],
    routes: [router],
    // a gateway's place: it reads the request stream itself, unparsed, with the request id already set
    beforeBody: [
      (req, res, next) => {
        if (req.path !== '/stream') return next();
        const id = currentContext()?.request_id;
        let raw = '';
        req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        req.on('end', () => res.json({ raw, parsed: req.body !== undefined, id }));
      },
    ],
  });

  it('runs before the JSON parser, with the request stream unread and the request context set', async () => {
    const res = await request(app)
      .post('/stream')
      .set('content-type', 'application/json')
      .set('x-request-id', 'req-1')
      .send('{ "a" :  1 }')
      .expect(200);
    expect(res.body).toEqual({ raw: '{ "a" :  1 }', parsed: false, id: 'req-1' });
  });

  it('leaves the other requests to the parser and the routes', async () => {
    const res = await request(app).post('/parsed').send({ a: 1 }).expect(200);
    expect(res.body).toEqual({ body: { a: 1 } });
  });
});
