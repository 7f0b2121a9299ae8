import type { TrainingJob } from '@platform/contracts';

/** One line of bench/recs-quality's API-path table: the held-out figures, and the job behind them. */
export interface ResultRow {
  name: string;
  ndcg: number;
  recall: number;
  /** The job's own seconds, from started_at to finished_at. */
  trainS?: number;
  /** Every evaluated user's POST /internal/ml/recommendations, a few in flight. */
  recommendS?: number;
  job?: TrainingJob;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

export function printTable(rows: ResultRow[], users: number) {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number | undefined, d: number) => (x === undefined ? '-' : x.toFixed(d));
  say(`\nthrough the API, ${users} users with held-out items, count 10`);
  say(
    `${pad('model', 36)}${pad('NDCG@10', 10)}${pad('Recall@10', 11)}${pad('train s', 9)}recommend s (all users)`,
  );
  for (const r of rows)
    say(
      `${pad(r.name, 36)}${pad(r.ndcg.toFixed(4), 10)}${pad(r.recall.toFixed(4), 11)}${pad(num(r.trainS, 1), 9)}${num(r.recommendS, 1)}`,
    );
  say(`\nthe jobs' own validation_metrics (their split of the train rows):`);
  for (const r of rows) {
    const m = r.job?.validation_metrics;
    if (m)
      say(
        `${pad(r.name, 36)}NDCG@10 ${m.ndcg_at_10.toFixed(4)}  Recall@10 ${m.recall_at_10.toFixed(4)}  ` +
          `popularity ${m.baseline.ndcg_at_10.toFixed(4)} / ${m.baseline.recall_at_10.toFixed(4)}  (${m.users_evaluated} users)`,
      );
  }
  say('\nthe in-process figures on the same split: npm run bench:recs-quality (without --api)');
}
