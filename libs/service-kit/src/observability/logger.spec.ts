import { Writable } from 'node:stream';
import winston from 'winston';
import { runWithContext } from './context';
import { createLogger, redact } from './logger';

describe('logger', () => {
  it('never lets a secret or card number through', () => {
    const out = redact({
      email: 'a@b.c',
      password: 'hunter2',
      payment: { cardNumber: '4111111111111111', cvv: '123', amount: 5 },
      headers: { authorization: 'Bearer abc' },
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|4111|123"|Bearer/);
    expect(out).toMatchObject({ email: 'a@b.c', payment: { amount: 5 } });
  });

  it('writes the seed 002 §7 shape with the trace of the current context', () => {
    const lines: string[] = [];
    const logger = createLogger('user-service', 'info');
    logger.clear().add(
      new winston.transports.Stream({
        stream: new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }),
      }),
    );
    runWithContext(
      { request_id: 'r1', trace_id: 't'.repeat(32), span_id: 's'.repeat(16), tenant_id: 'acme' },
      () => logger.info('Request processed', { status_code: 200, password: 'x' }),
    );
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({
      level: 'INFO',
      service: 'user-service',
      trace_id: 't'.repeat(32),
      span_id: 's'.repeat(16),
      request_id: 'r1',
      message: 'Request processed',
      context: { tenant_id: 'acme', status_code: 200, password: '[REDACTED]' },
    });
    expect(new Date(line.timestamp).toISOString()).toBe(line.timestamp);
  });
});
