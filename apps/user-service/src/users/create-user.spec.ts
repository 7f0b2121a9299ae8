import { eventSchema } from '@platform/contracts';
import { createUser } from './create-user';
import { type NewUser } from './users.repository';

describe('createUser', () => {
  it('hashes the password and saves the user together with a contract-valid UserCreated', async () => {
    const saved: { user?: NewUser; events?: unknown[] } = {};
    const now = new Date('2026-01-02T03:04:05.000Z');
    const result = await createUser(
      { email: ' ada@example.com ', username: 'ada', password: 'password123', first_name: 'Ada' },
      {
        now: () => now,
        hashPassword: async (p) => `hashed(${p.length})`,
        users: {
          create: async (user, events) => {
            Object.assign(saved, { user, events });
            return { id: user.id, email: user.email, username: user.username, first_name: 'Ada', last_name: null, phone: null, is_active: true, is_verified: false, created_at: now.toISOString() };
          },
        },
      },
    );
    expect(saved.user).toMatchObject({ email: 'ada@example.com', passwordHash: 'hashed(11)', createdAt: now });
    expect(JSON.stringify(saved)).not.toContain('password123');
    const event = eventSchema('UserCreated').parse(saved.events?.[0]);
    expect(event).toMatchObject({ aggregate_id: result.id, occurred_at: now.toISOString(), data: { user_id: result.id, email: 'ada@example.com', username: 'ada' } });
  });
});
