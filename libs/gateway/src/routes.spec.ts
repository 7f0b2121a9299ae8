import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findRoute, PRIVATE_PATHS, ROUTES, routeMatches, upstreamFor, UPSTREAMS } from './index';

const root = path.resolve(__dirname, '../../..');
const openapiDir = path.join(root, 'contracts/openapi');

/** Every documented path of every committed OpenAPI document, with its service and a sample filling. */
const documented = readdirSync(openapiDir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((file) => {
    const service = path.basename(file, '.json');
    const doc = JSON.parse(readFileSync(path.join(openapiDir, file), 'utf8')) as { paths: object };
    return Object.keys(doc.paths).map((template) => ({
      service,
      template,
      // a template's parameters filled with a sample value (one whole segment each)
      sample: template.replace(/\{[^}]+\}/g, 'sample-1'),
    }));
  });

const isPrivate = (p: string) => PRIVATE_PATHS.some((x) => x.pattern.test(p));

describe('the routing table against the committed OpenAPI documents', () => {
  it('reads the documents of the services that have one', () => {
    expect(new Set(documented.map((d) => d.service))).toEqual(
      new Set([
        'user-service',
        'order-service',
        'payment-service',
        'notification-worker',
        'ml-engine',
        'data-pipeline',
      ]),
    );
    for (const d of documented) expect(UPSTREAMS).toContain(d.service);
  });

  it.each(documented.map((d) => [d.service, d.template, d.sample] as const))(
    '%s %s reaches its service, or is private and unrouted',
    (service, _template, sample) => {
      if (isPrivate(sample)) expect(findRoute(sample)).toBeUndefined();
      else expect(upstreamFor(sample)).toBe(service);
    },
  );

  it('routes every public path some document has (no route is left without a documented path)', () => {
    for (const route of ROUTES.filter((r) => r.service !== 'web')) {
      const served = documented.filter(
        (d) => d.service === route.service && routeMatches(route, d.sample) && findRoute(d.sample) === route,
      );
      // notification-worker documents only its probes (private); every other route serves at least one path
      expect({ route: route.path, served: served.length > 0 }).toEqual({ route: route.path, served: true });
    }
  });
});

describe('matching', () => {
  it('gives an exact route precedence over any prefix route', () => {
    expect(upstreamFor('/api/v1/items')).toBe('data-pipeline');
    expect(upstreamFor('/api/v1/items/42/embedding')).toBe('ml-engine');
  });

  it('matches prefixes by whole segments', () => {
    expect(upstreamFor('/api/items')).toBe('order-service');
    expect(upstreamFor('/api/items/')).toBe('order-service');
    expect(upstreamFor('/api/items/42')).toBe('order-service');
    expect(upstreamFor('/api/itemsX')).toBe('web');
    expect(upstreamFor('/api/v1/authority')).toBe('web');
  });

  it('takes the longest prefix', () => {
    const routes = [
      { path: '/api', match: 'prefix', service: 'user-service' },
      { path: '/api/orders', match: 'prefix', service: 'order-service' },
    ] as const;
    expect(upstreamFor('/api/orders/1', routes)).toBe('order-service');
    expect(upstreamFor('/api/other', routes)).toBe('user-service');
  });

  it('sends what no route matches to the web app', () => {
    for (const p of ['/', '/dashboard/users', '/shop/abc/items/1', '/web-api/session/login', '/internal/x'])
      expect(upstreamFor(p)).toBe('web');
  });

  it('routes no private path', () => {
    for (const p of [
      '/internal/ml/models',
      '/internal',
      '/health',
      '/ready',
      '/metrics',
      '/openapi.json',
      '/docs',
    ])
      expect(findRoute(p)).toBeUndefined();
    expect(findRoute('/api/circuit-breaker/status')).toBeUndefined();
  });

  it('has no two routes with the same path and match', () => {
    const keys = ROUTES.map((r) => `${r.match} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
