import { sampleUserCreated } from '@platform/contracts/testing';
import { Templates } from '../templates/templates';
import { sendWelcomeMail, welcomeModel } from './send-welcome-mail';

describe('welcome mail', () => {
  const templates = Templates.load();

  it('greets by first name, or by username when there is none', () => {
    expect(welcomeModel(sampleUserCreated({ first_name: 'Grace' }).data).name).toBe('Grace');
    expect(welcomeModel(sampleUserCreated({ first_name: null, username: 'gh' }).data)).toEqual({
      name: 'gh',
      username: 'gh',
    });
  });

  it('succeeds once the mail is sent even if its delivery record fails (a retry would send it again)', async () => {
    const sent: { to: string; subject: string }[] = [];
    const warnings: string[] = [];
    const event = sampleUserCreated({ first_name: 'Grace' });
    await sendWelcomeMail(event, {
      templates,
      mailer: { send: async (m) => (sent.push(m), 'mid-1') },
      deliveries: { record: () => Promise.reject(new Error('redis down')) },
      logger: { warn: (message: string) => void warnings.push(message) },
    });
    expect(sent).toEqual([
      expect.objectContaining({ to: event.data.email, subject: 'Welcome to the shop, Grace!' }),
    ]);
    expect(warnings).toHaveLength(1);
  });
});
