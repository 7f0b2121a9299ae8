import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { MongooseInstrumentation } from '@opentelemetry/instrumentation-mongoose';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export interface Telemetry {
  /** Exports what is buffered and stops (the app's graceful shutdown flushes it already). */
  shutdown(): Promise<void>;
}

/** Requests that are polled all day and say nothing about a user's flow. */
const PROBES = /^\/(health|ready|metrics)\b/;

/**
 * Drops a `traceparent` the caller set itself (ServiceClient sends the active span's, for when tracing
 * is off): the instrumentation adds its CLIENT span's next, and two would be joined into one invalid
 * header. undici's request carries its headers as a flat [name, value, …] array.
 */
export function dropCallerTraceparent(request: { headers: unknown }): void {
  const h = request.headers;
  if (!Array.isArray(h)) return;
  for (let i = h.length - 2; i >= 0; i -= 2) if (String(h[i]).toLowerCase() === 'traceparent') h.splice(i, 2);
}

/**
 * SERVICE_NAME (the image sets it), else OTEL_SERVICE_NAME, else the app the script belongs to:
 * dist/apps/<name>/main.js (bundles) or apps/<name>/src/main.ts (tsx).
 */
export function serviceNameOf(env: NodeJS.ProcessEnv, script = ''): string {
  if (env.SERVICE_NAME) return env.SERVICE_NAME;
  if (env.OTEL_SERVICE_NAME) return env.OTEL_SERVICE_NAME;
  const parts = path.resolve(script).split(path.sep);
  const at = parts.lastIndexOf('apps');
  return at >= 0 && parts[at + 1] ? parts[at + 1] : 'unknown_service';
}

/**
 * Starts the OpenTelemetry SDK with the seven instrumentations (fetch's too) and an OTLP/HTTP (JSON) exporter to
 * OTEL_EXPORTER_OTLP_ENDPOINT. Unset: nothing starts (no patching, no context manager, no spans), so
 * an app without a collector pays nothing; its logs keep request-scoped ids (libs/service-kit).
 */
export function startTelemetry(env = process.env, script = process.argv[1]): Telemetry | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  // worker threads inherit `--require`: one SDK per process, the main thread's
  if (!endpoint || env.OTEL_SDK_DISABLED === 'true' || !isMainThread) return undefined;
  // traces only: metrics are Prometheus' (/metrics), logs go to stdout
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: serviceNameOf(env, script),
      [ATTR_SERVICE_VERSION]: env.SERVICE_VERSION ?? '0.1.0',
      'service.namespace': 'shop',
      'deployment.environment.name': env.NODE_ENV ?? 'development',
    }),
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => PROBES.test(req.url ?? '') }),
      // a span per route handler; none per middleware (a dozen per request: their cost, not their story)
      new ExpressInstrumentation({
        ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
      }),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
      new MongooseInstrumentation(),
      new KafkaJsInstrumentation(),
      // fetch (ServiceClient's calls to other services and the gateway): a CLIENT span each
      new UndiciInstrumentation({ requestHook: (_span, request) => dropCallerTraceparent(request) }),
    ],
  });
  sdk.start();
  // a process that ends without the graceful shutdown (a one-shot script) still exports its spans
  process.once('beforeExit', () => void sdk.shutdown().catch(() => undefined));
  return sdk;
}
