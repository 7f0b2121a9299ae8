import { randomBytes, randomUUID } from 'node:crypto';
import { sealSecret } from '@platform/auth';
import { type DomainEvent } from '@platform/contracts';
import { Templates } from '../templates/templates';
import { sendVerificationMail } from './send-verification-mail';

const key = randomBytes(32);
const link = 'http://localhost:3000/verify-email?user_id=u1&token=tok-123';

const request = (over: Partial<DomainEvent<'NotificationRequested'>['data']> = {}) => {
  const event: DomainEvent<'NotificationRequested'> = {
    event_id: randomUUID(),
    event_type: 'NotificationRequested',
    aggregate_id: 'u1',
    aggregate_type: 'notification',
    occurred_at: new Date().toISOString(),
    version: 1,
    data: { channel: 'email', template: 'verify-email', to: 'ann@example.com', params: { username: 'ann' } },
  };
  event.data.sealed = sealSecret(key, JSON.stringify({ token: 'tok-123', link }), [
    event.event_id,
    'ann@example.com',
  ]);
  Object.assign(event.data, over);
  return event;
};

describe('sendVerificationMail', () => {
  const sent: { to: string; text: string; html: string }[] = [];
  const recorded: unknown[] = [];
  const warnings: unknown[][] = [];
  const deps = {
    logger: { warn: (...args: unknown[]) => void warnings.push(args) },
    secretKey: key,
    templates: Templates.load(),
    mailer: {
      send: async (m: { to: string; text: string; html: string }) => {
        sent.push(m);
        return 'mid-1';
      },
    },
    deliveries: { record: async (d: unknown) => void recorded.push(d) },
  };
  beforeEach(() => {
    sent.length = 0;
    recorded.length = 0;
    warnings.length = 0;
  });

  it('succeeds once the mail is sent even if its delivery record fails (a retry would send it again)', async () => {
    const event = request();
    const failing = { ...deps, deliveries: { record: () => Promise.reject(new Error('redis down')) } };
    await expect(sendVerificationMail(event, failing)).resolves.toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(warnings).toEqual([
      [expect.stringContaining('delivery record'), expect.objectContaining({ event_id: event.event_id })],
    ]);
    expect(JSON.stringify(warnings)).not.toContain('tok-123');
  });

  it('opens the sealed token and puts the link in the mail', async () => {
    await sendVerificationMail(request(), deps);
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toBe('ann@example.com');
    expect(sent[0].text).toContain(link);
    expect(sent[0].text).toContain('tok-123');
    expect(sent[0].html).toContain('tok-123');
    expect(JSON.stringify(recorded)).not.toContain('tok-123'); // the delivery log keeps no secret
  });

  it('refuses (non-retriable) a re-addressed event, another key, or no sealed token, and sends nothing', async () => {
    const cases = [
      () => sendVerificationMail(request({ to: 'mallory@example.com' }), deps),
      () => sendVerificationMail(request(), { ...deps, secretKey: randomBytes(32) }),
      () => sendVerificationMail(request({ sealed: undefined }), deps),
    ];
    for (const run of cases) await expect(run()).rejects.toMatchObject({ retriable: false, status: 400 });
    expect(sent).toHaveLength(0);
  });
});
