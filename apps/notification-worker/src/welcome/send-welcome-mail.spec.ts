import { sampleUserCreated } from '@platform/contracts/testing';
import { welcomeMail } from './send-welcome-mail';

describe('welcomeMail', () => {
  it('greets by first name, or by username when there is none', () => {
    expect(welcomeMail(sampleUserCreated({ first_name: 'Grace' }).data).subject).toBe(
      'Welcome to the shop, Grace!',
    );
    const anon = sampleUserCreated({ first_name: null, username: 'gh' }).data;
    expect(welcomeMail(anon)).toMatchObject({ to: anon.email, subject: 'Welcome to the shop, gh!' });
  });
});
