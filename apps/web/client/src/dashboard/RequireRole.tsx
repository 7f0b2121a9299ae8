import { type ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession, type Role } from '../api/session';
import { Loading } from '../ui/Loading';

/**
 * Shows `children` to the roles in `allow`; anyone else gets a page that says so, and the page itself
 * is never rendered (so none of its calls are made).
 */
export function RequireRole({ allow, children }: { allow: Role[]; children: ReactNode }) {
  const { user } = useSession();
  if (user === undefined) return <Loading what="Checking your role" />;
  if (user && allow.includes(user.role)) return <>{children}</>;
  return (
    <section>
      <h1>Not allowed</h1>
      <p>
        {user
          ? `Your role (${user.role}) cannot open this page; it needs ${allow.join(' or ')}. Ask an admin of your shop if you need it.`
          : 'Sign in to open this page.'}
      </p>
      <p>
        <Link to="/dashboard">Back to your shop</Link>
      </p>
    </section>
  );
}
