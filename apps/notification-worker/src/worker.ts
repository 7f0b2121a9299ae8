import { notificationSecretKey } from '@platform/auth';
import { TOPICS, type DomainEvent } from '@platform/contracts';
import { EventConsumer, LeaseInbox, type Broker } from '@platform/messaging';
import { type Logger, type Metrics } from '@platform/service-kit';
import type Redis from 'ioredis';
import { type Config } from './config';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { type Mailer } from './mail/mailer';
import { sendVerificationMail } from './verification/send-verification-mail';
import { sendWelcomeMail } from './welcome/send-welcome-mail';

/**
 * The consumer of the domain events that become e-mails. Sending a mail is an effect outside any
 * store we write, so each goes through a lease inbox: one worker at a time per event, `done` once sent;
 * a worker dying between sending and marking lets the lease expire and the mail goes out again with
 * the same Message-ID (derived from event_id), which the receiving side deduplicates.
 */
export function buildConsumer(deps: {
  config: Config;
  broker: Broker;
  redis: Redis;
  mailer: Mailer;
  logger: Logger;
  metrics?: Metrics;
}): EventConsumer {
  const { config, logger } = deps;
  const deliveries = new DeliveriesRepository(deps.redis);
  const secretKey = notificationSecretKey(config.NOTIFICATION_SECRET_KEY);
  const inbox = new LeaseInbox(deps.redis, { leaseMs: config.MAIL_LEASE_MS });
  return new EventConsumer(deps.broker, {
    groupId: config.CONSUMER_GROUP,
    topics: [TOPICS.userEvents, TOPICS.notifications],
    fromBeginning: config.CONSUMER_FROM_BEGINNING,
    retry: { initialMs: config.CONSUMER_RETRY_INITIAL_MS, maxMs: config.CONSUMER_RETRY_MAX_MS },
    partitionsConsumedConcurrently: config.CONSUMER_CONCURRENCY,
    maxWaitMs: config.CONSUMER_MAX_WAIT_MS,
    metrics: deps.metrics,
    handlers: {
      UserCreated: inbox.handle((event: DomainEvent<'UserCreated'>) =>
        sendWelcomeMail(event, { mailer: deps.mailer, deliveries, logger }),
      ),
      NotificationRequested: inbox.handle((event: DomainEvent<'NotificationRequested'>) =>
        sendVerificationMail(event, { mailer: deps.mailer, deliveries, logger, secretKey }),
      ),
    },
  });
}
