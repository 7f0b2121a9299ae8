import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES } from '@platform/devstack';
import { parse } from 'yaml';
import { INGRESS_FILE, ingressYaml, UPSTREAM_PORTS } from './ingress';
import { ROUTES } from './routes';

const root = path.resolve(__dirname, '../../..');

describe('k8s/ingress.yaml', () => {
  it('is the one generated from the routing table (run `nx run gateway:ingress` after changing routes.ts)', () => {
    expect(readFileSync(path.join(root, INGRESS_FILE), 'utf8')).toBe(ingressYaml());
  });

  it('has one path per route, Exact or Prefix, to the Service and port of its upstream, and web by default', () => {
    const ingress = parse(ingressYaml());
    expect(ingress).toMatchObject({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' });
    expect(ingress.spec.defaultBackend).toEqual({ service: { name: 'web', port: { number: 3000 } } });
    const paths = ingress.spec.rules[0].http.paths;
    expect(paths).toHaveLength(ROUTES.length);
    for (const [i, r] of ROUTES.entries())
      expect(paths[i]).toEqual({
        path: r.path,
        pathType: r.match === 'exact' ? 'Exact' : 'Prefix',
        backend: { service: { name: r.service, port: { number: SERVICES[r.service] } } },
      });
  });

  it('uses the ports devstack, compose and k8s/services use', () => {
    expect(UPSTREAM_PORTS).toEqual(SERVICES);
  });
});
