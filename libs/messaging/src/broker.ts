import { dlqTopic } from '@platform/contracts';
import { backOff } from 'exponential-backoff';
import { type HealthCheck, type Logger } from '@platform/service-kit';
import {
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type LogEntry,
  type Producer,
  type ProducerConfig,
} from 'kafkajs';

export interface BrokerOptions {
  clientId: string;
  brokers: string[];
  /** Prepended to every topic name (KAFKA_TOPIC_PREFIX). */
  topicPrefix?: string;
  /** Connection retries (default 8, from 200 ms): an outage must not hold a caller for ever. */
  retry?: { retries: number; initialRetryTime: number };
  /** Consumers' session timeout (KAFKA_SESSION_TIMEOUT_MS; kafkajs's 30 s when unset). */
  sessionTimeoutMs?: number;
  logger: Logger;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * The platform's one handle on Kafka. Services use this and never import the client library, so it
 * can be swapped (kafkajs is unmaintained; @confluentinc/kafka-javascript has the same API).
 */
export class Broker {
  private readonly kafka: Kafka;
  readonly logger: Logger;
  private readonly prefix: string;
  private readonly sessionTimeoutMs?: number;
  /** The connect in progress or done: callers that arrive together share one admin client. */
  private admin?: Promise<Admin>;

  constructor(opts: BrokerOptions) {
    this.prefix = opts.topicPrefix ?? '';
    this.sessionTimeoutMs = opts.sessionTimeoutMs;
    this.logger = opts.logger;
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      connectionTimeout: 3000,
      requestTimeout: 10_000,
      retry: opts.retry ?? { initialRetryTime: 200, retries: 8 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }: LogEntry) => {
          const { message, ...extra } = log;
          // Retries are bounded on purpose (an outage must not hold an outbox transaction open for
          // ever); duplicates this may cause are absorbed by consumers' event_id deduplication.
          if (message.startsWith('Limiting retries for the idempotent producer')) return;
          opts.logger.log(LEVELS[level] ?? 'info', `kafka: ${message}`, extra);
        },
    });
  }

  /** The broker as every service configures it: KAFKA_BROKERS and KAFKA_TOPIC_PREFIX of its config. */
  static fromConfig(
    clientId: string,
    config: { KAFKA_BROKERS: string[]; KAFKA_TOPIC_PREFIX: string; KAFKA_SESSION_TIMEOUT_MS?: number },
    logger: Logger,
  ): Broker {
    return new Broker({
      clientId,
      brokers: config.KAFKA_BROKERS,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      logger,
    });
  }

  /** The physical topic name of a logical one. */
  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** The logical name of a physical topic. */
  logical(physical: string): string {
    return this.prefix && physical.startsWith(this.prefix) ? physical.slice(this.prefix.length) : physical;
  }

  /** A producer of this client (publisher, dead-letter copies); only this library builds them. */
  createProducer(config: ProducerConfig): Producer {
    return this.kafka.producer(config);
  }

  /** A consumer of this client (EventConsumer); only this library builds them. */
  createConsumer(config: ConsumerConfig): Consumer {
    const session = this.sessionTimeoutMs;
    // heartbeats a tenth of the session apart (kafkajs's own ratio, 3 s of 30 s)
    const timing = session ? { sessionTimeout: session, heartbeatInterval: Math.round(session / 10) } : {};
    return this.kafka.consumer({ ...timing, ...config });
  }

  /** The shared admin client, connected. One whose connect failed is dropped, so the next call retries. */
  getAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      const connecting: Promise<Admin> = admin.connect().then(
        () => admin,
        async (err: unknown) => {
          if (this.admin === connecting) this.admin = undefined;
          await admin.disconnect().catch(() => undefined);
          throw err;
        },
      );
      this.admin = connecting;
    }
    return this.admin;
  }

  /**
   * Creates each topic and its `.dlq` if missing (services do this at start). Right after creating a
   * topic, KRaft may still call it unknown while kafkajs waits for its leaders, an error kafkajs does
   * not retry (tulios/kafkajs#815); so do services starting together that create the same topics. Both
   * are retried here with backoff: the next round finds the topics made. It returns once every
   * partition of every topic answers with its offsets (has a leader).
   */
  async ensureTopics(names: string[], numPartitions = 3): Promise<void> {
    const wanted = [...new Set(names.flatMap((n) => [this.topic(n), this.topic(dlqTopic(n))]))];
    await backOff(
      async () => {
        const admin = await this.getAdmin();
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((t) => !existing.has(t));
        if (missing.length)
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
          });
        // a topic just made (here or by another service) can still answer "not the leader" for a
        // moment; the consumers' first act is to list its offsets, so wait until every partition does
        for (const topic of wanted) await admin.fetchTopicOffsets(topic);
      },
      {
        numOfAttempts: 8,
        startingDelay: 200,
        retry: (err: { type?: string; retriable?: boolean }) =>
          err?.type === 'UNKNOWN_TOPIC_OR_PARTITION' ||
          err?.type === 'TOPIC_ALREADY_EXISTS' ||
          err?.retriable === true,
      },
    );
  }

  /** Health check: the cluster answers a metadata request. Critical or not is the service's call. */
  healthCheck(critical: boolean, name = 'kafka'): HealthCheck {
    return {
      name,
      critical,
      check: async () => {
        const admin = await this.getAdmin();
        await admin.describeCluster();
      },
    };
  }

  async disconnect(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }
}
