import { useCallback, useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/useLoad';
import { tryBody, type TryBody, type TryForm } from './recommendations';
import { RecommendationsResult, type Answer } from './RecommendationsResult';

/** Try recommendations: what the active model recommends to any user of the shop. */
export function TryRecommendationsPage() {
  const { api, user } = useSession();
  const [form, setForm] = useState<TryForm>({
    userId: '',
    count: '10',
    categories: '',
    includeInteracted: false,
  });
  const [problem, setProblem] = useState<string>();
  const [answer, setAnswer] = useState<{ userId: string; data: Answer }>();
  const ask = useAction(
    useCallback((body: TryBody) => api<Answer>('/api/v1/recommendations', { method: 'POST', body }), [api]),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = tryBody(form);
    if ('problem' in body) return setProblem(body.problem);
    setProblem(undefined);
    const data = await ask.run(body);
    if (data) setAnswer({ userId: body.user_id, data });
  }

  return (
    <section>
      <h1>Try recommendations</h1>
      <form className="card" onSubmit={submit} aria-label="Ask for recommendations">
        <div className="grid">
          <Field
            label="User id"
            required
            value={form.userId}
            onChange={(e) => setForm({ ...form, userId: e.target.value })}
          />
          <Field
            label="Count"
            type="number"
            min={1}
            max={100}
            value={form.count}
            onChange={(e) => setForm({ ...form, count: e.target.value })}
          />
          <Field
            label="Categories (optional, comma-separated)"
            value={form.categories}
            onChange={(e) => setForm({ ...form, categories: e.target.value })}
          />
        </div>
        <div className="field">
          <span>
            <input
              id="try-include-interacted"
              type="checkbox"
              checked={form.includeInteracted}
              onChange={(e) => setForm({ ...form, includeInteracted: e.target.checked })}
            />{' '}
            <label htmlFor="try-include-interacted">Include items the user already interacted with</label>
          </span>
        </div>
        <button type="submit" disabled={ask.busy}>
          {ask.busy ? 'Asking…' : 'Get recommendations'}
        </button>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <ErrorMessage error={ask.error} />
      </form>
      {answer && user && (
        <RecommendationsResult userId={answer.userId} answer={answer.data} tenantId={user.tenant_id} />
      )}
    </section>
  );
}
