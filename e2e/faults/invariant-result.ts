/** What one invariant check found: how many things it checked and each violation, described. */
export type InvariantResult = { name: string; checked: number; violations: string[] };

/**
 * Operations of one kind by their last outcome (what the workloads send and what came back): 2xx, 4xx,
 * 503 (an outage said so, worth retrying), any other 5xx (a defect), or no answer at all (refused,
 * reset, timed out: a process killed mid-request); and how many resends it took.
 */
export interface OutcomeCounts {
  sent: number;
  ok: number;
  clientError: number;
  unavailable: number;
  serverError: number;
  noAnswer: number;
  retried: number;
}
export type OperationCounts = Record<string, OutcomeCounts>;

/** No operation yet: every count at zero. */
export const noOutcomes = (): OutcomeCounts => ({
  sent: 0,
  ok: 0,
  clientError: 0,
  unavailable: 0,
  serverError: 0,
  noAnswer: 0,
  retried: 0,
});
