#!/usr/bin/env node
// npm run dlq -- list <topic>      the dead letters of <topic> (on <topic>.dlq)
// npm run dlq -- replay <topic>    publish them again to <topic>, each dead letter once
// Settings: KAFKA_BROKERS (default 127.0.0.1:9092), KAFKA_TOPIC_PREFIX (default none).
import { createLogger } from '@platform/service-kit';
import { Broker } from '../broker';
import { listDeadLetters, replayDeadLetters } from './dead-letters';

const usage = 'usage: npm run dlq -- list <topic> | replay <topic>   (a logical topic, e.g. user.events)';
// a command-line tool: results on stdout, everything else on stderr
const out = (line: string) => process.stdout.write(`${line}\n`);

async function main([cmd, topic]: string[]): Promise<number> {
  if (!topic || (cmd !== 'list' && cmd !== 'replay')) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const broker = new Broker({
    clientId: 'dlq-cli',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    topicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? '',
    logger: createLogger('dlq-cli', process.env.LOG_LEVEL ?? 'warn'),
  });
  try {
    if (cmd === 'list') {
      const letters = await listDeadLetters(broker, topic);
      out(['offset', 'key', 'reason', 'group', 'failed_at', 'error'].join('\t'));
      for (const l of letters) {
        out([`${l.partition}:${l.offset}`, l.key ?? '', l.reason, l.group, l.failedAt, l.error].join('\t'));
      }
      out(`${letters.length} dead letter(s) on ${topic}.dlq`);
    } else {
      const r = await replayDeadLetters(broker, topic);
      out(
        `replayed ${r.replayed} dead letter(s) to ${topic}; ${r.alreadyReplayed} already replayed, ` +
          `${r.skipped} skipped (not an event)`,
      );
    }
    return 0;
  } finally {
    await broker.disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`dlq: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
