import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { aptInstall } from '../apt';
import { step } from '../log';
import { cacheDir, dataDir, repoRoot } from '../paths';
import { commandExists, run, spawnServer, stopServer } from '../process';
import { kafkaClusterReady } from './kafka-probe';
import { type Server } from './server';

const KAFKA_VERSION = '3.9.1';
const libsDir = path.join(cacheDir, `kafka-${KAFKA_VERSION}`, 'libs');
const pom = path.join(repoRoot, 'libs/devstack/kafka/pom.xml');

/**
 * Apache Kafka, one node in KRaft mode (broker and controller in one JVM). The jars come from Maven
 * Central through libs/devstack/kafka/pom.xml and run on the machine's Java 17.
 */
export class KafkaServer implements Server {
  constructor(
    readonly name = 'kafka',
    readonly port = 9092,
    private readonly controllerPort = port + 1,
    readonly dir = dataDir(name),
  ) {}

  async install(): Promise<void> {
    if (!commandExists('java')) await aptInstall(['openjdk-17-jre-headless']);
    if (existsSync(libsDir) && readdirSync(libsDir).some((f) => f.startsWith('kafka_2.13-'))) return;
    if (!commandExists('mvn')) await aptInstall(['maven']);
    await step(`installing Kafka ${KAFKA_VERSION}: its jars from Maven Central (mvn)`, () =>
      run('mvn', ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${libsDir}`]),
    );
  }

  async start(): Promise<void> {
    const logs = path.join(this.dir, 'kraft-logs');
    const props = path.join(this.dir, 'server.properties');
    const log4j = path.join(this.dir, 'log4j.properties');
    mkdirSync(logs, { recursive: true });
    writeFileSync(props, this.properties(logs));
    writeFileSync(log4j, LOG4J);
    if (!existsSync(path.join(logs, 'meta.properties'))) {
      const clusterId = newClusterId();
      await run('java', [
        `-Dlog4j.configuration=file:${log4j}`,
        '-cp',
        `${libsDir}/*`,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        props,
      ]);
    }
    spawnServer(this.name, 'java', [
      '-Xms256m',
      '-Xmx768m',
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${log4j}`,
      '-cp',
      `${libsDir}/*`,
      'kafka.Kafka',
      props,
    ]);
  }

  async ready(): Promise<boolean> {
    return kafkaClusterReady('127.0.0.1', this.port);
  }

  async stop(): Promise<void> {
    await stopServer(this.name, 30_000);
  }

  brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  env(): Record<string, string> {
    return { KAFKA_BROKERS: this.brokers() };
  }

  private properties(logs: string): string {
    return [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${this.controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${this.port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${logs}`,
      'num.partitions=3',
      // topics are created by the services at start, as in production
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'log.retention.hours=24',
      '',
    ].join('\n');
  }
}

const LOG4J = `log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
`;

/**
 * A random cluster id (16 bytes, base64url) that does not start with '-': the storage tool would read
 * such an id as an option and refuse to format (about one new broker in 64). Kafka's own Uuid.randomUuid
 * draws again for the same reason.
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
