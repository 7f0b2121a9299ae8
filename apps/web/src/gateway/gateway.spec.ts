import { type IncomingMessage } from 'node:http';
import { proxyFailure, timedOut } from './gateway';

const req = () => ({}) as IncomingMessage;
const err = (code: string) => Object.assign(new Error(code), { code });

describe('proxyFailure', () => {
  it('answers 504 when the upstream took longer than the timeout', () => {
    const r = req();
    timedOut.add(r);
    expect(proxyFailure(err('ECONNRESET'), r, 'order-service')).toMatchObject({
      status: 504,
      code: 'SERVICE_UNAVAILABLE',
      details: { dependency: 'order-service', reason: 'timeout' },
    });
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH'])(
    'answers 503 when the upstream is unreachable (%s)',
    (code) => {
      expect(proxyFailure(err(code), req(), 'ml-engine')).toMatchObject({
        status: 503,
        details: { reason: 'unreachable' },
      });
    },
  );

  it('answers 502 when the upstream broke off its answer', () => {
    expect(proxyFailure(err('ECONNRESET'), req(), 'user-service')).toMatchObject({
      status: 502,
      code: 'SERVICE_UNAVAILABLE',
      details: { reason: 'bad_response' },
    });
  });
});
