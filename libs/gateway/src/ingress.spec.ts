import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES } from '@platform/devstack';
import { parseAllDocuments } from 'yaml';
import { INGRESS_FILE, ingressYaml, UPSTREAM_PORTS } from './ingress';
import { ROUTES } from './routes';

const root = path.resolve(__dirname, '../../..');

describe('k8s/base/ingress.yaml', () => {
  it('is the one generated from the routing table (run `nx run gateway:ingress` after changing routes.ts)', () => {
    expect(readFileSync(path.join(root, INGRESS_FILE), 'utf8')).toBe(ingressYaml());
  });

  it('has one path per route, Exact or Prefix, to the Service and port of its upstream, and web by default', () => {
    const [main, ...slow] = parseAllDocuments(ingressYaml()).map((d) => d.toJSON());
    expect(main).toMatchObject({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop' },
    });
    expect(main.spec.defaultBackend).toEqual({ service: { name: 'web', port: { number: 3000 } } });
    const paths = [main, ...slow].flatMap((ing) => ing.spec.rules[0].http.paths);
    expect(paths).toHaveLength(ROUTES.length);
    for (const r of ROUTES)
      expect(paths).toContainEqual({
        path: r.path,
        pathType: r.match === 'exact' ? 'Exact' : 'Prefix',
        backend: { service: { name: r.service, port: { number: SERVICES[r.service] } } },
      });
  });

  it("gives a route with a timeout of its own an Ingress whose read timeout is that route's", () => {
    const docs = parseAllDocuments(ingressYaml()).map((d) => d.toJSON());
    for (const r of ROUTES.filter((route) => route.timeoutMs)) {
      const own = docs.find((ing) =>
        ing.spec.rules[0].http.paths.some((p: { path: string }) => p.path === r.path),
      );
      expect(own.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe(
        String(r.timeoutMs! / 1000),
      );
      expect(own.spec.defaultBackend).toBeUndefined();
    }
    expect(ROUTES.some((r) => r.timeoutMs)).toBe(true);
  });

  it('uses the ports devstack, compose and k8s/base/services use', () => {
    expect(UPSTREAM_PORTS).toEqual(SERVICES);
  });
});
