import { notificationSecretKey } from '@platform/auth';
import { TOPICS } from '@platform/contracts';
import { EventConsumer, RedisIdempotencyStore, type Broker } from '@platform/messaging';
import type Redis from 'ioredis';
import { type Config } from './config';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { type Mailer } from './mail/mailer';
import { sendVerificationMail } from './verification/send-verification-mail';
import { sendWelcomeMail } from './welcome/send-welcome-mail';

/** The consumer of the domain events that become e-mails. */
export function buildConsumer(deps: {
  config: Config;
  broker: Broker;
  redis: Redis;
  mailer: Mailer;
}): EventConsumer {
  const deliveries = new DeliveriesRepository(deps.redis);
  const secretKey = notificationSecretKey(deps.config.NOTIFICATION_SECRET_KEY);
  return new EventConsumer(deps.broker, {
    groupId: deps.config.CONSUMER_GROUP,
    topics: [TOPICS.userEvents, TOPICS.notifications],
    idempotency: new RedisIdempotencyStore(deps.redis),
    handlers: {
      UserCreated: (event) => sendWelcomeMail(event, { mailer: deps.mailer, deliveries }),
      NotificationRequested: (event) =>
        sendVerificationMail(event, { mailer: deps.mailer, deliveries, secretKey }),
    },
  });
}
