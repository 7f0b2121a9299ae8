import type { ModelVersion } from '@platform/contracts';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { useAction, useLoad } from '../../ui/useLoad';
import { Confirm } from './Confirm';
import { metricsSeries, newestFirst, rollbackTarget } from './models';
import { ModelsChart } from './ModelsChart';
import { ModelsTable } from './ModelsTable';

interface Models {
  active_version: string | null;
  models: ModelVersion[];
}

/** Model versions: their metrics as a table and a chart; activate one, or roll back to the one before. */
export function ModelsPage() {
  const { api } = useSession();
  const loaded = useLoad(() => api<Models>('/web-api/ml/models'), [api]);
  const [asking, setAsking] = useState<{ model: ModelVersion; rollback: boolean }>();
  const [done, setDone] = useState<string>();
  const activate = useAction(
    useCallback(
      (version: string) =>
        api<ModelVersion>(`/web-api/ml/models/${encodeURIComponent(version)}/activate`, {
          method: 'POST',
          body: {},
        }),
      [api],
    ),
  );

  async function confirm() {
    if (!asking) return;
    const res = await activate.run(asking.model.version);
    if (!res) return;
    setDone(
      asking.rollback
        ? `Rolled back: ${res.version} is active again.`
        : `${res.version} is now the active version.`,
    );
    setAsking(undefined);
    loaded.reload();
  }

  const data = loaded.data;
  const models = data ? newestFirst(data.models) : [];
  const back = data ? rollbackTarget(data.models, data.active_version) : undefined;
  return (
    <section>
      <h1>Model versions</h1>
      <ErrorMessage error={loaded.error} />
      {!data && !loaded.error && <Loading what="Loading the model versions" />}
      {data && !models.length && (
        <p>
          No trained versions yet: recommendations come from the content encoder and popularity.{' '}
          <Link to="../training">Start a training job</Link>.
        </p>
      )}
      {data && models.length > 0 && (
        <>
          <div className="card">
            <p>
              Active version: <strong>{data.active_version ?? 'none (content encoder)'}</strong>
            </p>
            {back && (
              <button
                type="button"
                className="secondary"
                disabled={activate.busy}
                onClick={() => {
                  setDone(undefined);
                  setAsking({ model: back, rollback: true });
                }}
              >
                Roll back to {back.version}
              </button>
            )}
            {asking && (
              <Confirm
                question={
                  asking.rollback
                    ? `Roll back to ${asking.model.version}? It serves recommendations at once and ${data.active_version} becomes a candidate.`
                    : `Activate ${asking.model.version}? It serves recommendations at once${data.active_version ? ` and ${data.active_version} becomes a candidate` : ''}.`
                }
                yes={
                  asking.rollback
                    ? `Yes, roll back to ${asking.model.version}`
                    : `Yes, activate ${asking.model.version}`
                }
                busy={activate.busy}
                error={activate.error}
                onYes={() => void confirm()}
                onCancel={() => setAsking(undefined)}
              />
            )}
            {done && (
              <p role="status" className="notice">
                {done}
              </p>
            )}
          </div>
          <div className="card">
            <h2>Metrics across versions</h2>
            <ModelsChart series={metricsSeries(models)} />
          </div>
          <div className="card">
            <h2>Versions</h2>
            <ModelsTable
              models={models}
              busy={activate.busy}
              onActivate={(model) => {
                setDone(undefined);
                setAsking({ model, rollback: false });
              }}
            />
          </div>
        </>
      )}
    </section>
  );
}
