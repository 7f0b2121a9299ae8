import { sampleUserCreated } from '@platform/contracts/testing';
import { sendWelcomeMail, welcomeMail } from './send-welcome-mail';

describe('welcomeMail', () => {
  it('greets by first name, or by username when there is none', () => {
    expect(welcomeMail(sampleUserCreated({ first_name: 'Grace' }).data).subject).toBe(
      'Welcome to the shop, Grace!',
    );
    const anon = sampleUserCreated({ first_name: null, username: 'gh' }).data;
    expect(welcomeMail(anon)).toMatchObject({ to: anon.email, subject: 'Welcome to the shop, gh!' });
  });

  it('succeeds once the mail is sent even if its delivery record fails (a retry would send it again)', async () => {
    const sent: string[] = [];
    const warnings: string[] = [];
    const event = sampleUserCreated();
    await sendWelcomeMail(event, {
      mailer: { send: async (m) => (sent.push(m.to), 'mid-1') },
      deliveries: { record: () => Promise.reject(new Error('redis down')) },
      logger: { warn: (message: string) => void warnings.push(message) },
    });
    expect(sent).toEqual([event.data.email]);
    expect(warnings).toHaveLength(1);
  });
});
