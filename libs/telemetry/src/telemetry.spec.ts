import diagnostics from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { context, trace } from '@opentelemetry/api';
import { dropCallerTraceparent, serviceNameOf, startTelemetry } from './telemetry';

describe('telemetry', () => {
  it('names the service from SERVICE_NAME, OTEL_SERVICE_NAME or the app the script belongs to', () => {
    expect(serviceNameOf({ SERVICE_NAME: 'web', OTEL_SERVICE_NAME: 'x' }, '/app/main.js')).toBe('web');
    expect(serviceNameOf({ OTEL_SERVICE_NAME: 'order-service' }, '/app/main.js')).toBe('order-service');
    expect(serviceNameOf({}, '/repo/dist/apps/payment-service/main.js')).toBe('payment-service');
    expect(serviceNameOf({}, '/repo/apps/notification-worker/src/main.ts')).toBe('notification-worker');
    expect(serviceNameOf({}, '/app/main.js')).toBe('unknown_service');
  });

  it('starts nothing without OTEL_EXPORTER_OTLP_ENDPOINT: no provider, no context manager, no spans', () => {
    expect(startTelemetry({}, '/repo/dist/apps/order-service/main.js')).toBeUndefined();
    const span = trace.getTracer('t').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    const key = Symbol('probe');
    // the API's no-op context manager: a context set is not seen inside (so no span can become active)
    expect(
      context.with(context.active().setValue(key, 1), () => context.active().getValue(key)),
    ).toBeUndefined();
  });

  it("fetch sends one traceparent, the instrumentation's, not the caller's beside it", async () => {
    const CLIENT_SPAN = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    // what UndiciInstrumentation does on this channel: the requestHook, then its own header added
    const onCreate = (msg: unknown) => {
      const { request } = msg as { request: { headers: unknown; addHeader(k: string, v: string): void } };
      dropCallerTraceparent(request);
      request.addHeader('traceparent', CLIENT_SPAN);
    };
    const received: (string | string[] | undefined)[] = [];
    const server = createServer((req, res) => {
      received.push(req.headers.traceparent);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    diagnostics.subscribe('undici:request:create', onCreate);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      await (await fetch(url, { headers: { traceparent, accept: 'text/plain' } })).text();
    } finally {
      diagnostics.unsubscribe('undici:request:create', onCreate);
      await new Promise((resolve) => server.close(resolve));
    }
    expect(received).toEqual([CLIENT_SPAN]);
  });
});
