import { formatFindings, scanForSecrets } from '@platform/devstack/testing';
import { readTopicsWithPrefix } from '@platform/messaging/testing';
import { type InvariantResult } from './invariant-result';
import { SIX, type FaultStack } from './stack';

/**
 * Secrets never leave, through the kills and restarts too: every log line the six wrote (all their
 * starts), every message of the run's topics, every row of the three PostgreSQL databases, every order
 * document and every Redis key hold no password, card number, CVV, API key, token or JWT (the values the
 * workload registered, and their shapes).
 */
export async function noSecretsLeft(stack: FaultStack): Promise<InvariantResult> {
  const { postgres, ferretdb, redis } = stack.servers;
  const scan = await scanForSecrets({
    logs: SIX.map((name) => stack.service(name).log),
    topicPrefix: stack.prefix,
    readTopics: readTopicsWithPrefix,
    postgresUrls: ['user_service', 'ml_engine', 'data_pipeline'].map((db) => postgres.url(db)),
    mongoUrl: `mongodb://127.0.0.1:${ferretdb.port}/order_service`,
    redisUrls: [0, 1, 2, 3, 4].map((n) => `${redis.url()}/${n}`),
  });
  const s = scan.scanned;
  return {
    name: 'no secret in logs, events or stored rows',
    checked: s.logLines + s.messages + s.rows + s.documents + s.keys,
    violations: scan.findings.length ? [formatFindings(scan)] : [],
  };
}
