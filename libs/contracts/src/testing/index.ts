// Fixtures for tests only (imported as @platform/contracts/testing, never from production code).
import { randomUUID } from 'node:crypto';
import { type DomainEvent } from '../events';

export function sampleUserCreated(overrides: Partial<DomainEvent<'UserCreated'>['data']> = {}) {
  const userId = overrides.user_id ?? randomUUID();
  const event: DomainEvent<'UserCreated'> = {
    event_id: randomUUID(),
    event_type: 'UserCreated',
    aggregate_id: userId,
    aggregate_type: 'user',
    occurred_at: new Date().toISOString(),
    version: 1,
    data: {
      user_id: userId,
      email: `user-${userId.slice(0, 8)}@example.com`,
      username: `user_${userId.slice(0, 8)}`,
      first_name: 'Ada',
      created_at: new Date().toISOString(),
      ...overrides,
    },
  };
  return event;
}
