import { stringify } from 'yaml';
import { ROUTES, type Route, type Upstream } from './routes';

/** Each upstream's Kubernetes Service (named after it, k8s/services/<name>.yaml) and port. */
export const UPSTREAM_PORTS: Readonly<Record<Upstream, number>> = {
  'order-service': 3001,
  'user-service': 3002,
  'payment-service': 3003,
  'notification-worker': 3004,
  'ml-engine': 8001,
  'data-pipeline': 8002,
  web: 3000,
};

const backend = (service: Upstream) => ({
  service: { name: service, port: { number: UPSTREAM_PORTS[service] } },
});

export const INGRESS_FILE = 'k8s/ingress.yaml';

/**
 * k8s/ingress.yaml from the routing table: one path per route (Exact or Prefix: Kubernetes matches
 * prefixes by whole path elements, exact before prefix, then the longest, as `findRoute` does), and the
 * web app as the default backend (its pages, /web-api, and 404 envelopes for what no route serves).
 */
export function ingressYaml(routes: readonly Route[] = ROUTES): string {
  const manifest = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'shop',
      // uploads (10,000 records a batch) and the gateway's own timeout
      annotations: {
        'nginx.ingress.kubernetes.io/proxy-body-size': '20m',
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '30',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      defaultBackend: backend('web'),
      rules: [
        {
          http: {
            paths: routes.map((r) => ({
              path: r.path,
              pathType: r.match === 'exact' ? 'Exact' : 'Prefix',
              backend: backend(r.service),
            })),
          },
        },
      ],
    },
  };
  const header = [
    '# Generated from libs/gateway/src/routes.ts by `nx run gateway:ingress`: do not edit by hand',
    '# (a test keeps this file equal to the generated one). The public edge: API paths to the six',
    '# services, everything else (pages, /web-api, unrouted paths) to the web app.',
  ].join('\n');
  return `${header}\n${stringify(manifest, { lineWidth: 0, singleQuote: true })}`;
}
