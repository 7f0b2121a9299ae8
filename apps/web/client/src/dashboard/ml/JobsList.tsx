import type { TrainingJob } from '@platform/contracts';
import { when } from '../../ui/format';
import { MODEL_LABEL, progressPercent, STATUS_LABEL } from './training';

/** The tenant's training jobs, newest first, each with a button to follow it. */
export function JobsList({
  jobs,
  selected,
  onSelect,
}: {
  jobs: TrainingJob[];
  selected?: string;
  onSelect: (jobId: string) => void;
}) {
  if (!jobs.length) return <p>No training jobs yet: start one above.</p>;
  return (
    <table>
      <caption className="muted">Training jobs, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Created</th>
          <th scope="col">Model type</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col">Version</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => (
          <tr key={j.job_id} aria-selected={j.job_id === selected}>
            <td>{when(j.created_at)}</td>
            <td>{MODEL_LABEL[j.model_type]}</td>
            <td>
              <span className={`badge status-${j.status}`}>{STATUS_LABEL[j.status]}</span>
            </td>
            <td>{progressPercent(j)}%</td>
            <td>{j.model_version ?? '—'}</td>
            <td>
              <button
                type="button"
                className="secondary"
                disabled={j.job_id === selected}
                onClick={() => onSelect(j.job_id)}
                aria-label={`${j.job_id === selected ? 'Shown' : 'Show'} job ${j.job_id}`}
              >
                {j.job_id === selected ? 'Shown' : 'Show'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
