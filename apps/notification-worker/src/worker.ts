import { notificationSecretKey } from '@platform/auth';
import { TOPICS, type DomainEvent } from '@platform/contracts';
import { EventConsumer, LeaseInbox, type Broker } from '@platform/messaging';
import { type Logger, type Metrics } from '@platform/service-kit';
import type Redis from 'ioredis';
import { type Config } from './config';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { type DeliveryMetrics } from './deliveries/delivery-metrics';
import { type Mailer } from './mail/mailer';
import { sendCancelled, sendExpired, sendKeys, sendReceipt } from './orders/order-mails';
import { sendPaymentFailed, sendRefund } from './payments/payment-mails';
import { type Templates } from './templates/templates';
import { type UsersRepository } from './users/users.repository';
import { sendVerificationMail } from './verification/send-verification-mail';
import { sendWelcomeMail } from './welcome/send-welcome-mail';

/** The topics whose events become mails. */
export const MAIL_TOPICS = [
  TOPICS.userEvents,
  TOPICS.notifications,
  TOPICS.orderEvents,
  TOPICS.paymentEvents,
];

/**
 * The consumer of the domain events that become e-mails, one mail per outcome a buyer sees:
 * OrderConfirmed → receipt, PaymentFailed → payment failed (OrderFailed, which follows, sends none),
 * OrderCancelled unpaid → cancelled (a paid one sends none), PaymentRefunded → cancelled and refunded
 * (cause `order_cancelled`) or refund issued, OrderFulfilled → keys, OrderExpired → expired.
 * PaymentCompleted and OrderCreated send nothing.
 *
 * Sending a mail is an effect outside any store we write, so each goes through a lease inbox: one
 * worker at a time per event, `done` once sent; a worker dying between sending and marking lets the
 * lease expire and the mail goes out again with the same Message-ID (derived from event_id), which the
 * receiving side deduplicates.
 */
export function buildConsumer(deps: {
  config: Config;
  broker: Broker;
  redis: Redis;
  mailer: Mailer;
  templates: Templates;
  users: UsersRepository;
  deliveryMetrics: DeliveryMetrics;
  logger: Logger;
  metrics?: Metrics;
}): EventConsumer {
  const { config } = deps;
  const mail = {
    mailer: deps.mailer,
    templates: deps.templates,
    deliveries: new DeliveriesRepository(deps.redis),
    metrics: deps.deliveryMetrics,
    logger: deps.logger,
    users: deps.users,
    recipientWaitMs: config.RECIPIENT_WAIT_MS,
  };
  const secretKey = notificationSecretKey(config.NOTIFICATION_SECRET_KEY);
  const inbox = new LeaseInbox(deps.redis, { leaseMs: config.MAIL_LEASE_MS });
  return new EventConsumer(deps.broker, {
    groupId: config.CONSUMER_GROUP,
    topics: MAIL_TOPICS,
    fromBeginning: config.CONSUMER_FROM_BEGINNING,
    retry: { initialMs: config.CONSUMER_RETRY_INITIAL_MS, maxMs: config.CONSUMER_RETRY_MAX_MS },
    partitionsConsumedConcurrently: config.CONSUMER_CONCURRENCY,
    maxWaitMs: config.CONSUMER_MAX_WAIT_MS,
    metrics: deps.metrics,
    handlers: {
      UserCreated: inbox.handle((event: DomainEvent<'UserCreated'>) => sendWelcomeMail(event, mail)),
      NotificationRequested: inbox.handle((event: DomainEvent<'NotificationRequested'>) =>
        sendVerificationMail(event, { ...mail, secretKey }),
      ),
      OrderConfirmed: inbox.handle((event: DomainEvent<'OrderConfirmed'>) => sendReceipt(event, mail)),
      OrderCancelled: inbox.handle((event: DomainEvent<'OrderCancelled'>) => sendCancelled(event, mail)),
      OrderExpired: inbox.handle((event: DomainEvent<'OrderExpired'>) => sendExpired(event, mail)),
      OrderFulfilled: inbox.handle((event: DomainEvent<'OrderFulfilled'>) =>
        sendKeys(event, { ...mail, secretKey }),
      ),
      PaymentFailed: inbox.handle((event: DomainEvent<'PaymentFailed'>) => sendPaymentFailed(event, mail)),
      PaymentRefunded: inbox.handle((event: DomainEvent<'PaymentRefunded'>) => sendRefund(event, mail)),
    },
  });
}
