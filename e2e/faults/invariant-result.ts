/** What one invariant check found: how many things it checked and each violation, described. */
export type InvariantResult = { name: string; checked: number; violations: string[] };

/** Operations of one kind by outcome (what the workloads send and what came back). */
export type OperationCounts = Record<
  string,
  { sent: number; ok: number; clientError: number; serverError: number; retried: number }
>;
