import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../api/session';
import { Field } from '../ui/Field';

/** The start page: open a shop (its dashboard), sign in to a dashboard, or visit a shop's storefront. */
export function Home() {
  const { user } = useSession();
  const navigate = useNavigate();
  const [shop, setShop] = useState('');
  const visit = (e: FormEvent) => {
    e.preventDefault();
    if (shop.trim()) navigate(`/shop/${encodeURIComponent(shop.trim())}`);
  };
  return (
    <main>
      <h1>Platform shop</h1>
      <p>A multi-tenant shop: every tenant is a shop with its own storefront and dashboard.</p>
      <div className="grid">
        <section className="card" aria-labelledby="home-own">
          <h2 id="home-own">Run a shop</h2>
          <p>
            <Link to="/dashboard/signup">Open a shop</Link> (you become its admin) or{' '}
            <Link to="/dashboard/login">sign in to your dashboard</Link>.
          </p>
          {user && (
            <p>
              <Link to={`/shop/${encodeURIComponent(user.tenant_id)}`}>Your shop&apos;s storefront</Link>
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="home-visit">
          <h2 id="home-visit">Visit a shop</h2>
          <form onSubmit={visit}>
            <Field
              label="Shop id"
              name="shop"
              required
              value={shop}
              onChange={(e) => setShop(e.target.value)}
            />
            <button type="submit">Visit shop</button>
          </form>
        </section>
      </div>
    </main>
  );
}
