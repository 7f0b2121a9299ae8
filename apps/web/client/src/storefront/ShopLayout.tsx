import { Link, Outlet } from 'react-router';
import { useSession } from '../api/session';
import { Loading } from '../ui/Loading';
import { useShop } from './shop';

/** Every storefront page: the shop's nav (with the cart's count and who is signed in) above the page. */
export function ShopLayout() {
  const { user, signOut } = useSession();
  // signing out ends the session here even when the revocation call fails (session.tsx drops it)
  const leave = () => void signOut().catch(() => undefined);
  const { buyer, otherShop, cartCount, shopPath } = useShop();
  return (
    <>
      <header className="top">
        <strong>Shop</strong>
        <nav aria-label="Shop">
          <Link to={shopPath()}>Catalog</Link>
          <Link to={shopPath('wishlist')}>Wishlist</Link>
          <Link to={shopPath('cart')}>Cart ({cartCount ?? 0})</Link>
          {buyer && <Link to={shopPath('orders')}>Orders</Link>}
        </nav>
        <span className="spacer" />
        {user ? (
          <>
            <span>{user.email ?? 'Signed in'}</span>
            <button type="button" className="secondary" onClick={leave}>
              Sign out
            </button>
          </>
        ) : (
          <>
            <Link to={shopPath('login')}>Sign in</Link>
            <Link to={shopPath('signup')}>Sign up</Link>
          </>
        )}
      </header>
      <main>
        {otherShop ? (
          <section>
            <h1>You are signed in to another shop</h1>
            <p>
              You are signed in as {user?.email ?? 'a user'} of another shop, and this shop does not accept
              that account. Sign out to visit it as a guest or with an account of this shop.
            </p>
            <button type="button" onClick={leave}>
              Sign out
            </button>
          </section>
        ) : (
          <Outlet />
        )}
      </main>
    </>
  );
}

/** Waits for the session to be restored before the shop decides who is visiting (guest or buyer). */
export function WhenSessionKnown({ children }: { children: React.ReactNode }) {
  const { user } = useSession();
  if (user === undefined) return <Loading what="Opening the shop" />;
  return <>{children}</>;
}
