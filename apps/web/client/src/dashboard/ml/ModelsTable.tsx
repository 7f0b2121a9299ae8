import type { ModelVersion } from '@platform/contracts';
import { when } from '../../ui/format';
import { metric } from './models';
import { MODEL_LABEL } from './training';

/** The versions, newest first, with their metrics and an "Activate" button on each that is not active. */
export function ModelsTable({
  models,
  busy,
  onActivate,
}: {
  models: ModelVersion[];
  busy: boolean;
  onActivate: (m: ModelVersion) => void;
}) {
  return (
    <table>
      <caption className="muted">Model versions, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Model type</th>
          <th scope="col">Status</th>
          <th scope="col">NDCG@10</th>
          <th scope="col">Recall@10</th>
          <th scope="col">Popularity NDCG@10</th>
          <th scope="col">Popularity Recall@10</th>
          <th scope="col">Created</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.version}>
            <th scope="row">{m.version}</th>
            <td>{MODEL_LABEL[m.model_type]}</td>
            <td>
              <span className={`badge status-${m.status}`}>{m.status}</span>
            </td>
            <td>{metric(m.validation_metrics.ndcg_at_10)}</td>
            <td>{metric(m.validation_metrics.recall_at_10)}</td>
            <td>{metric(m.validation_metrics.baseline?.ndcg_at_10)}</td>
            <td>{metric(m.validation_metrics.baseline?.recall_at_10)}</td>
            <td>{when(m.created_at)}</td>
            <td>
              {m.status === 'active' ? (
                <span className="muted">Serving</span>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => onActivate(m)}
                  aria-label={`Activate ${m.version}`}
                >
                  Activate
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
