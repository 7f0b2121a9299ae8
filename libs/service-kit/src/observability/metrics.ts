import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per service instance (tests run several apps in one process), with the seed names. */
export interface Metrics {
  registry: Registry;
  service: string;
  httpRequests: Counter<'service' | 'method' | 'endpoint' | 'status_code'>;
  httpDuration: Histogram<'service' | 'method' | 'endpoint'>;
  httpErrors: Counter<'service' | 'endpoint' | 'error_type'>;
  httpConnections: Gauge<'service'>;
}

export function createMetrics(service: string, { defaults = true } = {}): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (defaults) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    service,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'Total HTTP requests',
      labelNames: ['service', 'method', 'endpoint', 'status_code'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['service', 'method', 'endpoint'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    httpErrors: new Counter({
      name: 'http_errors_total',
      help: 'HTTP responses with status >= 400, by error code',
      labelNames: ['service', 'endpoint', 'error_type'],
      registers,
    }),
    httpConnections: new Gauge({
      name: 'http_connections_active',
      help: 'Requests in flight',
      labelNames: ['service'],
      registers,
    }),
  };
}
