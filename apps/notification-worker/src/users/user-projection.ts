import { TOPICS, type DomainEvent } from '@platform/contracts';
import { EventConsumer, type Broker } from '@platform/messaging';
import { type Metrics } from '@platform/service-kit';
import { type Config } from '../config';
import { type UsersRepository } from './users.repository';

/** The group of the projection: its own offsets, so it is rebuilt and read independently of the mails. */
export const userProjectionGroup = (config: Pick<Config, 'CONSUMER_GROUP'>) =>
  `${config.CONSUMER_GROUP}.users`;

export const projectUserCreated = (users: UsersRepository, { data }: DomainEvent<'UserCreated'>) =>
  users.upsert(
    data.user_id,
    {
      email: data.email,
      username: data.username,
      ...(data.first_name ? { first_name: data.first_name } : {}),
    },
    data.first_name ? [] : ['first_name'],
  );

/** `email` and `first_name` travel only when they changed; `first_name: null` clears it. */
export function projectUserUpdated(users: UsersRepository, { data }: DomainEvent<'UserUpdated'>) {
  const fields: Record<string, string> = {};
  if (data.email) fields.email = data.email;
  if (data.first_name) fields.first_name = data.first_name;
  const unset = data.first_name === null ? ['first_name'] : [];
  if (!Object.keys(fields).length && !unset.length) return Promise.resolve();
  return users.upsert(data.user_id, fields, unset);
}

/**
 * Builds the projection of users (where each buyer's mail goes) from `user.events`, always from the
 * beginning of the topic for a new group. Mails read it instead of asking user-service per mail.
 */
export function buildUserProjection(deps: {
  config: Config;
  broker: Broker;
  users: UsersRepository;
  metrics?: Metrics;
}): EventConsumer {
  const { config, users } = deps;
  return new EventConsumer(deps.broker, {
    groupId: userProjectionGroup(config),
    topics: [TOPICS.userEvents],
    fromBeginning: true,
    retry: { initialMs: config.CONSUMER_RETRY_INITIAL_MS, maxMs: config.CONSUMER_RETRY_MAX_MS },
    partitionsConsumedConcurrently: config.CONSUMER_CONCURRENCY,
    maxWaitMs: config.CONSUMER_MAX_WAIT_MS,
    metrics: deps.metrics,
    handlers: {
      UserCreated: (event) => projectUserCreated(users, event),
      UserUpdated: (event) => projectUserUpdated(users, event),
      UserDeleted: (event) => users.tombstone(event.data.user_id, event.data.deleted_at),
    },
  });
}
