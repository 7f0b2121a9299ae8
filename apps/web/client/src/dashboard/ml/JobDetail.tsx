import type { TrainingJob } from '@platform/contracts';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { LossChart } from './LossChart';
import { metric } from './models';
import { usePoll } from './polling';
import { isFinal, lossSeries, MODEL_LABEL, progressPercent, STATUS_LABEL } from './training';

/** How often a queued or running job is asked for its progress. */
export const JOB_POLL_MS = 2000;

/** One job followed live: progress (polled until it is completed or failed), loss curve, metrics or error. */
export function JobDetail({
  jobId,
  onStatusChange,
  onUpdate,
}: {
  jobId: string;
  onStatusChange?: (job: TrainingJob) => void;
  /** Every answer of the polling (the list beside it shows the job's progress too). */
  onUpdate?: (job: TrainingJob) => void;
}) {
  const { api } = useSession();
  const [job, setJob] = useState<TrainingJob>();
  const [error, setError] = useState<unknown>();
  const progressId = useId();
  const lastStatus = useRef<string>(undefined);
  usePoll<TrainingJob>(true, jobId, JOB_POLL_MS, {
    load: () => api<TrainingJob>(`/web-api/ml/training/jobs/${encodeURIComponent(jobId)}`),
    onData: (j) => {
      setError(undefined);
      // the list beside it shows the job's status: refresh it when the status moves on
      if (lastStatus.current && lastStatus.current !== j.status) onStatusChange?.(j);
      lastStatus.current = j.status;
      setJob(j);
      onUpdate?.(j);
    },
    onError: setError,
    done: (j) => isFinal(j.status),
  });

  const shown = job?.job_id === jobId ? job : undefined;
  if (!shown) return error ? <ErrorMessage error={error} /> : <Loading what="Loading the job" />;
  const pct = progressPercent(shown);
  const vm = shown.validation_metrics;
  return (
    <section className="card" aria-labelledby={`${progressId}-h`}>
      <h2 id={`${progressId}-h`}>
        {MODEL_LABEL[shown.model_type]} job <code>{shown.job_id}</code>
      </h2>
      <p>
        Status: <span className={`badge status-${shown.status}`}>{STATUS_LABEL[shown.status]}</span> · created{' '}
        {when(shown.created_at)}
        {shown.finished_at && <> · finished {when(shown.finished_at)}</>}
      </p>
      <div className="field">
        <label htmlFor={progressId}>Training progress</label>
        <progress id={progressId} max={100} value={pct} style={{ width: '100%' }}>
          {pct}%
        </progress>
        <span role="status">
          {isFinal(shown.status) ? `${STATUS_LABEL[shown.status]} (${pct}%)` : `${pct}% done`}
        </span>
      </div>
      <ErrorMessage error={error} />
      <h3>Loss curve</h3>
      <LossChart series={lossSeries(shown)} />
      {shown.status === 'completed' && vm && (
        <>
          <h3>Validation metrics</h3>
          <dl>
            <dt>NDCG@10</dt>
            <dd>
              {metric(vm.ndcg_at_10)} (popularity {metric(vm.baseline?.ndcg_at_10)})
            </dd>
            <dt>Recall@10</dt>
            <dd>
              {metric(vm.recall_at_10)} (popularity {metric(vm.baseline?.recall_at_10)})
            </dd>
            <dt>Users evaluated</dt>
            <dd>{vm.users_evaluated}</dd>
          </dl>
          {shown.model_version && (
            <p>
              Registered as version <strong>{shown.model_version}</strong>: see{' '}
              <Link to="../models">Model versions</Link>.
            </p>
          )}
        </>
      )}
      {shown.status === 'failed' && (
        <p role="alert" className="error">
          The job failed: {shown.error ?? 'no reason was given'}.
        </p>
      )}
    </section>
  );
}
