import { context, trace } from '@opentelemetry/api';
import { serviceNameOf, startTelemetry } from './telemetry';

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
});
