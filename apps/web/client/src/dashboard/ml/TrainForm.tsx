import type { ModelType } from '@platform/contracts';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/useLoad';
import { Select } from './Select';
import {
  conflictMessage,
  isConflict,
  DEFAULTS,
  MODEL_LABEL,
  MODEL_TYPES,
  triggerBody,
  usesLearningRate,
  type TrainForm as Form,
} from './training';

interface Triggered {
  job_id: string;
  status: string;
  estimated_duration_minutes: number;
}

/** Starts a training job: the model type, its main hyperparameters and an optional data range. */
export function TrainForm({
  onStarted,
  onRefused,
  busyJobId,
}: {
  onStarted: (jobId: string) => void;
  /** The trigger was refused (a job may be queued or running already): the list is worth reloading. */
  onRefused: () => void;
  busyJobId?: string;
}) {
  const { api } = useSession();
  const [type, setType] = useState<ModelType>('matrix_factorization');
  const [form, setForm] = useState<Form>(DEFAULTS.matrix_factorization);
  const [problem, setProblem] = useState<string>();
  const [started, setStarted] = useState<Triggered>();
  // a "job already running" refusal is stale once that job is no longer queued or running
  const [conflictOver, setConflictOver] = useState(false);
  const wasBusy = useRef(busyJobId);
  useEffect(() => {
    if (wasBusy.current && !busyJobId) setConflictOver(true);
    wasBusy.current = busyJobId;
  }, [busyJobId]);
  const trigger = useAction(
    useCallback(
      (body: unknown) => api<Triggered>('/web-api/ml/training/trigger', { method: 'POST', body }),
      [api],
    ),
  );
  const set = (k: keyof Form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStarted(undefined);
    setConflictOver(false);
    const body = triggerBody(type, form);
    if ('problem' in body) return setProblem(body.problem);
    setProblem(undefined);
    const res = await trigger.run(body);
    if (res) {
      setStarted(res);
      onStarted(res.job_id);
    } else onRefused();
  }

  const conflict = conflictOver ? undefined : conflictMessage(trigger.error, busyJobId);
  return (
    <form className="card" onSubmit={submit} aria-label="Start a training job">
      <h2>Start a training job</h2>
      <Select
        label="Model type"
        value={type}
        options={MODEL_TYPES.map((t) => ({ value: t, label: MODEL_LABEL[t] }))}
        onChange={(e) => {
          const t = e.target.value as ModelType;
          setType(t);
          setForm({ ...DEFAULTS[t], start: form.start, end: form.end });
        }}
      />
      <div className="grid">
        <Field
          label="Embedding size"
          type="number"
          min={4}
          max={512}
          value={form.embedding_dim}
          onChange={set('embedding_dim')}
        />
        <Field label="Epochs" type="number" min={1} max={500} value={form.epochs} onChange={set('epochs')} />
        {usesLearningRate(type) && (
          <Field
            label="Learning rate"
            type="number"
            step="any"
            min={0}
            max={10}
            value={form.learning_rate}
            onChange={set('learning_rate')}
          />
        )}
        <Field label="Data from (optional)" type="date" value={form.start} onChange={set('start')} />
        <Field label="Data until (optional)" type="date" value={form.end} onChange={set('end')} />
      </div>
      <button type="submit" disabled={trigger.busy}>
        {trigger.busy ? 'Starting…' : 'Start training'}
      </button>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {isConflict(trigger.error) ? (
        conflict && (
          <p role="alert" className="error">
            {conflict}
          </p>
        )
      ) : (
        <ErrorMessage error={trigger.error} />
      )}
      {started && (
        <p role="status" className="notice">
          Training job {started.job_id} is {started.status}; about{' '}
          {Math.max(1, Math.round(started.estimated_duration_minutes))} min.
        </p>
      )}
    </form>
  );
}
