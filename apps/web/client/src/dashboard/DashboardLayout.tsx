import type { TenantResponse } from '@platform/contracts';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../api/session';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { useAction, useLoad } from '../ui/useLoad';
import { pagesFor } from './nav';

/** The dashboard's frame: who is signed in, the navigation for their role, sign out. */
export function DashboardLayout() {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading what="Restoring your session" />;
  if (user === null)
    return <Navigate to="/dashboard/login" replace state={{ from: location.pathname + location.search }} />;
  return <SignedInFrame />;
}

function SignedInFrame() {
  const { user, api, signOut } = useSession();
  const navigate = useNavigate();
  const tenant = useLoad(() => api<TenantResponse>('/api/v1/tenant'), [user?.tenant_id]);
  // a session restored by a refresh knows the user's id and role, not the email: read it once
  const me = useLoad(
    async () => user?.email ?? (await api<{ email: string }>(`/api/users/${user?.id}`)).email,
    [user?.id, user?.email],
  );
  const out = useAction(async () => {
    await signOut();
    navigate('/dashboard/login', { replace: true });
  });
  if (!user) return null;
  return (
    <>
      <header className="top">
        <strong>{tenant.data ? tenant.data.name : 'Your shop'}</strong>
        {tenant.data && <span className="badge">{tenant.data.plan} plan</span>}
        <Link to={`/shop/${user.tenant_id}`}>Storefront</Link>
        <span className="spacer" />
        <span>
          {me.data ?? 'Signed in'} <span className="badge">{user.role}</span>
        </span>
        <button type="button" className="secondary" onClick={() => void out.run()} disabled={out.busy}>
          Sign out
        </button>
      </header>
      <ErrorMessage error={out.error} />
      <div className="layout">
        <nav aria-label="Dashboard">
          {pagesFor(user.role).map((p) => (
            <NavLink key={p.to} to={p.to} end={p.to === '/dashboard'}>
              {p.label}
            </NavLink>
          ))}
        </nav>
        <main>
          <ErrorMessage error={tenant.error} />
          <Outlet />
        </main>
      </div>
    </>
  );
}
