import { Link } from 'react-router';
import { useSession } from '../api/session';

/** The start page: open a shop (its dashboard), or go to a shop's storefront. */
export function Home() {
  const { user } = useSession();
  return (
    <main>
      <h1>Platform shop</h1>
      <p>A multi-tenant shop: every tenant is a shop with its own storefront and dashboard.</p>
      <ul>
        <li>
          <Link to="/dashboard/signup">Open a shop</Link> (you become its admin) or{' '}
          <Link to="/dashboard/login">sign in to your dashboard</Link>.
        </li>
        {user && (
          <li>
            <Link to={`/shop/${user.tenant_id}`}>Your shop&apos;s storefront</Link>
          </li>
        )}
      </ul>
    </main>
  );
}
