import type { ModelType, RetrainPolicy } from '@platform/contracts';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useAction, useLoad } from '../../ui/useLoad';
import { Checkbox, Select } from './Select';
import { MODEL_LABEL, MODEL_TYPES } from './training';

/** Whether new training data retrains the shop's model automatically: view and save. */
export function RetrainPolicyForm() {
  const { api } = useSession();
  const loaded = useLoad(() => api<RetrainPolicy>('/web-api/ml/training/policy'), [api]);
  const [policy, setPolicy] = useState<{ enabled: boolean; model_type: ModelType; min_new_rows: string }>();
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (loaded.data)
      setPolicy({
        enabled: loaded.data.enabled,
        model_type: loaded.data.model_type ?? 'matrix_factorization',
        min_new_rows: String(loaded.data.min_new_rows ?? 1000),
      });
  }, [loaded.data]);
  const save = useAction(
    useCallback(
      (body: RetrainPolicy) => api<RetrainPolicy>('/web-api/ml/training/policy', { method: 'PUT', body }),
      [api],
    ),
  );

  if (!policy)
    return loaded.error ? (
      <ErrorMessage error={loaded.error} />
    ) : (
      <Loading what="Loading the retrain policy" />
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!policy) return;
    setSaved(false);
    const rows = Number(policy.min_new_rows);
    if (!Number.isInteger(rows) || rows < 1)
      return setProblem('New rows must be a whole number of at least 1.');
    setProblem(undefined);
    if (await save.run({ enabled: policy.enabled, model_type: policy.model_type, min_new_rows: rows }))
      setSaved(true);
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Retrain policy">
      <h2>Retrain policy</h2>
      <Checkbox
        label="Retrain automatically when new training data arrives"
        checked={policy.enabled}
        onChange={(enabled) => setPolicy({ ...policy, enabled })}
      />
      <Select
        label="Model to retrain"
        value={policy.model_type}
        options={MODEL_TYPES.map((t) => ({ value: t, label: MODEL_LABEL[t] }))}
        onChange={(e) => setPolicy({ ...policy, model_type: e.target.value as ModelType })}
      />
      <Field
        label="New interaction rows before a retrain"
        type="number"
        min={1}
        value={policy.min_new_rows}
        onChange={(e) => setPolicy({ ...policy, min_new_rows: e.target.value })}
      />
      <button type="submit" disabled={save.busy}>
        Save policy
      </button>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <ErrorMessage error={save.error} />
      {saved && (
        <p role="status" className="notice">
          Retrain policy saved.
        </p>
      )}
    </form>
  );
}
