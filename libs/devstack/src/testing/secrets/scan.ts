import { findSecrets, knownMatcher, redactedExcerpt } from './patterns';
import { knownSecrets, type SecretKind } from './registry';
import { logLines, mongoDocuments, postgresRows, redisKeys, type Piece, type Source } from './sources';

export interface SecretScanTargets {
  /** Log files the run's processes wrote (RunningService.log). */
  logs?: string[];
  /** The run's Kafka topic prefix: every topic starting with it is read, with `readTopics`. */
  topicPrefix?: string;
  /**
   * @platform/messaging/testing's readTopicsWithPrefix: passed in, as devstack may not depend on
   * libs/messaging (whose tests depend on devstack).
   */
  readTopics?: (prefix: string) => Promise<TopicMessage[]>;
  /** PostgreSQL databases (every table, every row). */
  postgresUrls?: string[];
  /** A MongoDB/FerretDB database, its name in the URL (every collection, every document). */
  mongoUrl?: string;
  /** Redis databases (every key). */
  redisUrls?: string[];
}

/** A Kafka message as readTopicsWithPrefix reads it. */
export interface TopicMessage {
  topic: string;
  partition: number;
  offset: string;
  key?: string;
  headers: Record<string, string>;
  value: string;
}

export interface SecretFinding {
  source: Source;
  where: string;
  kind: SecretKind;
  how: 'known' | 'pattern';
  /** The text around it with every secret in it replaced by ‹kind›: never the secret. */
  excerpt: string;
}

export interface SecretScan {
  findings: SecretFinding[];
  scanned: { logLines: number; messages: number; rows: number; documents: number; keys: number };
}

/** Reads everything the targets hold and reports every known secret value or secret-shaped text in it. */
export async function scanForSecrets(targets: SecretScanTargets): Promise<SecretScan> {
  const scanned = { logLines: 0, messages: 0, rows: 0, documents: 0, keys: 0 };
  const known = knownSecrets();
  const matcher = knownMatcher(known);
  const findings: SecretFinding[] = [];
  const scan = (source: Source, pieces: Iterable<Piece>) => {
    for (const { where, text } of pieces) {
      const hits = findSecrets(text, known, matcher);
      hits.forEach((h, i) =>
        findings.push({ source, where, kind: h.kind, how: h.how, excerpt: redactedExcerpt(text, hits, i) }),
      );
    }
  };
  if (targets.logs)
    scan(
      'log',
      logLines(targets.logs, () => scanned.logLines++),
    );
  if (targets.topicPrefix) {
    if (!targets.readTopics) throw new Error('secret scan: topicPrefix without readTopics');
    const messages = await targets.readTopics(targets.topicPrefix);
    scanned.messages += messages.length;
    scan(
      'kafka',
      messages.map((m) => ({
        where: `${m.topic}:${m.partition}@${m.offset}`,
        text: `${m.key ?? ''}
${JSON.stringify(m.headers)}
${m.value}`,
      })),
    );
  }
  for (const url of targets.postgresUrls ?? [])
    scan('postgres', await postgresRows(url, () => scanned.rows++));
  if (targets.mongoUrl) scan('mongo', await mongoDocuments(targets.mongoUrl, () => scanned.documents++));
  for (const url of targets.redisUrls ?? []) scan('redis', await redisKeys(url, () => scanned.keys++));
  return { findings, scanned };
}

/** What was scanned, in one line (for a test's output). */
export const describeScan = ({ scanned: s, findings }: SecretScan): string =>
  `secret scan: ${s.logLines} log lines, ${s.messages} Kafka messages, ${s.rows} PostgreSQL rows, ` +
  `${s.documents} documents, ${s.keys} Redis keys: ${findings.length} finding(s)`;

/** The findings as an error message: the first 20, then how many more (by source and kind). */
export function formatFindings(scan: SecretScan): string {
  const shown = scan.findings
    .slice(0, 20)
    .map(
      (f) =>
        `  ${f.source} ${f.where}: ${f.kind} (${f.how === 'known' ? 'a test value' : 'its shape'}) ${f.excerpt}`,
    );
  const rest = scan.findings.length - shown.length;
  return [describeScan(scan), ...shown, ...(rest > 0 ? [`  … and ${rest} more`] : [])].join('\n');
}

/** scanForSecrets, throwing (with the findings, redacted) when there is any; the scan otherwise. */
export async function expectNoSecrets(targets: SecretScanTargets): Promise<SecretScan> {
  const scan = await scanForSecrets(targets);
  if (scan.findings.length > 0) throw new Error(`secrets left the services:\n${formatFindings(scan)}`);
  return scan;
}
