// patches/kafkajs+2.2.4.patch (applied by patch-package at install): an idle connection's request queue
// must not poll itself every millisecond (upstream schedules a negative timeout: CPU burnt for nothing
// and a TimeoutNegativeWarning on Node 24).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue/index.js');

const queues: { throttleCheckTimeoutId: NodeJS.Timeout | null }[] = [];
const queue = () => {
  const q = new RequestQueue({
    maxInFlightRequests: 5,
    requestTimeout: 1000,
    enforceRequestTimeout: false,
    clientId: 'patch-test',
    broker: '127.0.0.1:9092',
    logger: { debug: () => undefined, warn: () => undefined, error: () => undefined },
  });
  queues.push(q);
  return q;
};
// an unpatched queue reschedules itself for ever: stop it, or Jest never exits
afterEach(() => queues.splice(0).forEach((q) => clearTimeout(q.throttleCheckTimeoutId ?? undefined)));

describe('kafkajs request queue (patched)', () => {
  it('schedules no check when nothing is pending and nothing is throttled', () => {
    const q = queue();
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it('still schedules the check while throttled, for when the throttle ends', () => {
    const q = queue();
    q.throttledUntil = Date.now() + 60_000;
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
  });
});
