import type { TenantResponse } from '@platform/contracts';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useLoad } from '../../ui/useLoad';

/** Your shop: the tenant's name, plan, status, creation date and ML settings. */
export function TenantPage() {
  const { api } = useSession();
  const tenant = useLoad(() => api<TenantResponse>('/api/v1/tenant'), []);
  const t = tenant.data;
  return (
    <section>
      <h1>Your shop</h1>
      {tenant.loading && !t && <Loading what="Loading your shop" />}
      <ErrorMessage error={tenant.error} />
      {t && (
        <div className="card">
          <h2>{t.name}</h2>
          <dl>
            <dt>Plan</dt>
            <dd>{t.plan}</dd>
            <dt>Status</dt>
            <dd>{t.status}</dd>
            <dt>Created</dt>
            <dd>{when(t.created_at)}</dd>
            <dt>Default model</dt>
            <dd>{t.settings.default_model}</dd>
            <dt>Embedding dimension</dt>
            <dd>{t.settings.embedding_dimension}</dd>
            <dt>Shop id</dt>
            <dd>
              <code>{t.tenant_id}</code>
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}
