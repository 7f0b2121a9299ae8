import { stringify } from 'yaml';
import { ROUTES, type Route, type Upstream } from './routes';

/** Each upstream's Kubernetes Service (named after it, k8s/base/services/<name>.yaml) and port. */
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

export const INGRESS_FILE = 'k8s/base/ingress.yaml';

const DEFAULT_READ_TIMEOUT_S = 30;

const ingress = (name: string, routes: readonly Route[], readTimeoutS: number, withDefault: boolean) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: {
    name,
    // uploads (10,000 records a batch), and how long the services may take (the gateway's timeout)
    annotations: {
      'nginx.ingress.kubernetes.io/proxy-body-size': '20m',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': String(readTimeoutS),
    },
  },
  spec: {
    ingressClassName: 'nginx',
    ...(withDefault ? { defaultBackend: backend('web') } : {}),
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
});

/**
 * k8s/base/ingress.yaml from the routing table: one path per route (Exact or Prefix: Kubernetes matches
 * prefixes by whole path elements, exact before prefix, then the longest, as `findRoute` does), and the
 * web app as the default backend (its pages, /web-api, and 404 envelopes for what no route serves).
 * Routes with a timeout of their own (a catalog sync) go in an Ingress of their own, `shop-slow-<s>s`:
 * nginx reads timeouts per Ingress and merges the paths of every Ingress of a host.
 */
export function ingressYaml(routes: readonly Route[] = ROUTES): string {
  const slow = [...new Set(routes.flatMap((r) => (r.timeoutMs ? [r.timeoutMs] : [])))].sort((a, b) => a - b);
  const manifests = [
    ingress(
      'shop',
      routes.filter((r) => !r.timeoutMs),
      DEFAULT_READ_TIMEOUT_S,
      true,
    ),
    ...slow.map((ms) =>
      ingress(
        `shop-slow-${ms / 1000}s`,
        routes.filter((r) => r.timeoutMs === ms),
        ms / 1000,
        false,
      ),
    ),
  ];
  const header = [
    '# Generated from libs/gateway/src/routes.ts by `nx run gateway:ingress`: do not edit by hand',
    '# (a test keeps this file equal to the generated one). The public edge: API paths to the six',
    '# services, everything else (pages, /web-api, unrouted paths) to the web app.',
  ].join('\n');
  const docs = manifests.map((m) => stringify(m, { lineWidth: 0, singleQuote: true }));
  return `${header}\n${docs.join('---\n')}`;
}
