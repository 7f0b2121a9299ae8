import { type ProjectedUser } from './users.repository';
import { findRecipient } from './find-recipient';

describe('findRecipient', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  const deps = (user: ProjectedUser | undefined) => ({
    users: { find: async () => user },
    recipientWaitMs: 60_000,
    now: () => now,
  });
  const at = (msAgo: number) => ({ occurred_at: new Date(now - msAgo).toISOString() });

  it('finds the address and the name to greet', async () => {
    const user: ProjectedUser = { status: 'active', email: 'a@x.org', username: 'al', first_name: 'Al' };
    expect(await findRecipient(deps(user), at(0), 'u')).toEqual({ email: 'a@x.org', name: 'Al' });
    expect(
      await findRecipient(deps({ status: 'active', email: 'b@x.org', username: 'bo' }), at(0), 'u'),
    ).toEqual({
      email: 'b@x.org',
      name: 'bo',
    });
  });

  it('skips a deleted user at once', async () => {
    expect(await findRecipient(deps({ status: 'deleted' }), at(0), 'u')).toEqual({ skip: 'deleted user' });
  });

  it('waits (retriably) for an unknown user while the event is young, then skips', async () => {
    await expect(findRecipient(deps(undefined), at(59_000), 'u')).rejects.toMatchObject({ retriable: true });
    expect(await findRecipient(deps(undefined), at(60_000), 'u')).toEqual({ skip: 'unknown recipient' });
  });
});
