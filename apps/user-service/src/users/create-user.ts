import { randomUUID } from 'node:crypto';
import { type CreateUserRequest, type UserResponse } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { type UsersRepository } from './users.repository';

export interface CreateUserDeps {
  users: Pick<UsersRepository, 'create'>;
  hashPassword: (plain: string) => Promise<string>;
  now?: () => Date;
}

/** Sign-up: hash the password, then save the user and its `UserCreated` event together. */
export async function createUser(input: CreateUserRequest, deps: CreateUserDeps): Promise<UserResponse> {
  const id = randomUUID();
  const createdAt = (deps.now ?? (() => new Date()))();
  const email = input.email.trim();
  const userCreated = createEvent('UserCreated', {
    aggregateId: id,
    occurredAt: createdAt,
    data: {
      user_id: id,
      email,
      username: input.username,
      first_name: input.first_name ?? null,
      created_at: createdAt.toISOString(),
    },
  });
  return deps.users.create(
    {
      id,
      email,
      username: input.username,
      passwordHash: await deps.hashPassword(input.password),
      firstName: input.first_name,
      lastName: input.last_name,
      phone: input.phone,
      createdAt,
    },
    [userCreated],
  );
}
