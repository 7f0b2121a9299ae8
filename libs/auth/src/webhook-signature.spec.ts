import { isAppError } from '@platform/service-kit';
import { signWebhook, verifyWebhook } from './webhook-signature';

const secret = 'a-webhook-secret-of-some-length';
const body = Buffer.from('{"event_id":"e1","type":"order.fulfilled"}');
const now = 1_800_000_000_000;
const ts = String(now / 1000);

const reasonOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!isAppError(err) || err.status !== 400) throw err;
    return err.details?.reason as string;
  }
};

describe('webhook signature', () => {
  it('accepts its own signature over the timestamp and the exact body', () => {
    const signature = signWebhook(secret, ts, body);
    expect(
      reasonOf(() => verifyWebhook({ secret, rawBody: body, signature, timestamp: ts }, { now: () => now })),
    ).toBe(undefined);
  });

  it('refuses another body, another secret, another timestamp or a malformed signature', () => {
    const signature = signWebhook(secret, ts, body);
    const check = (over: Partial<Parameters<typeof verifyWebhook>[0]>) =>
      reasonOf(() =>
        verifyWebhook({ secret, rawBody: body, signature, timestamp: ts, ...over }, { now: () => now }),
      );
    expect(check({ rawBody: Buffer.from('{"event_id":"e2"}') })).toBe('bad signature');
    expect(check({ secret: 'another-secret-of-some-length!!' })).toBe('bad signature');
    expect(check({ timestamp: String(Number(ts) - 1) })).toBe('bad signature');
    expect(check({ signature: 'zz' })).toBe('bad signature');
    expect(check({ signature: signature.slice(2) })).toBe('bad signature');
  });

  it('refuses a timestamp more than five minutes away, either side', () => {
    const at = (offset: number) => {
      const t = String(Number(ts) + offset);
      const signature = signWebhook(secret, t, body);
      return reasonOf(() =>
        verifyWebhook({ secret, rawBody: body, signature, timestamp: t }, { now: () => now }),
      );
    };
    expect(at(-300)).toBe(undefined);
    expect(at(300)).toBe(undefined);
    expect(at(-301)).toBe('timestamp outside the tolerance');
    expect(at(301)).toBe('timestamp outside the tolerance');
  });

  it('names a missing field', () => {
    const signature = signWebhook(secret, ts, body);
    const opts = { now: () => now };
    expect(
      reasonOf(() => verifyWebhook({ secret, rawBody: body, signature: undefined, timestamp: ts }, opts)),
    ).toBe('missing signature');
    expect(
      reasonOf(() => verifyWebhook({ secret, rawBody: body, signature, timestamp: undefined }, opts)),
    ).toBe('missing timestamp');
    expect(
      reasonOf(() => verifyWebhook({ secret, rawBody: undefined, signature, timestamp: ts }, opts)),
    ).toBe('missing body');
    expect(reasonOf(() => verifyWebhook({ secret, rawBody: body, signature, timestamp: 'soon' }, opts))).toBe(
      'malformed timestamp',
    );
  });
});
