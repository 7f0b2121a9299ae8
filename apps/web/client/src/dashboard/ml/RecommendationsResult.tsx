import { useSession } from '../../api/session';
import { useLoad } from '../../ui/useLoad';

export interface Answer {
  recommendations: { item_id: string; score: number }[];
  metadata: { model_version: string; latency_ms: number; cache_hit: boolean; strategy?: string };
}

/** The ranked list with each item's title from the catalog, and how it was served. */
export function RecommendationsResult({
  userId,
  answer,
  tenantId,
}: {
  userId: string;
  answer: Answer;
  tenantId: string;
}) {
  const { api } = useSession();
  const ids = answer.recommendations.map((r) => r.item_id);
  const titles = useLoad(async () => {
    const found = await Promise.all(
      ids.map((id) =>
        api<{ title: string }>(`/api/items/${encodeURIComponent(id)}`, { caller: { tenantId } })
          .then((item) => [id, item.title] as const)
          .catch(() => [id, undefined] as const),
      ),
    );
    return new Map(found);
  }, [ids.join(','), tenantId]);
  const m = answer.metadata;
  return (
    <section className="card" aria-label="Recommendations">
      <h2>For user {userId}</h2>
      <p role="status">
        {answer.recommendations.length} item{answer.recommendations.length === 1 ? '' : 's'} from model
        version <strong>{m.model_version}</strong>
        {m.strategy && <> (strategy: {m.strategy})</>} in {m.latency_ms.toFixed(1)} ms,{' '}
        {m.cache_hit ? 'from the cache' : 'not cached'}.
      </p>
      {answer.recommendations.length === 0 ? (
        <p>Nothing to recommend: the catalog may be empty, or every item was filtered out.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Item</th>
              <th scope="col">Title</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {answer.recommendations.map((r, i) => (
              <tr key={r.item_id}>
                <td>{i + 1}</td>
                <td>
                  <code>{r.item_id}</code>
                </td>
                <td>{titles.data ? (titles.data.get(r.item_id) ?? 'not in the catalog') : '…'}</td>
                <td>{r.score.toFixed(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
