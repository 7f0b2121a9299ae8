import { Link, Route, Routes, useParams } from 'react-router';
import { ShopSignIn } from './account/ShopSignIn';
import { ShopSignUp } from './account/ShopSignUp';
import { CartPage } from './cart/CartPage';
import { Catalog } from './catalog/Catalog';
import { CheckoutPage } from './checkout/CheckoutPage';
import { ItemPage } from './item/ItemPage';
import { OrderPage } from './orders/OrderPage';
import { OrdersPage } from './orders/OrdersPage';
import { ShopProvider, useShop } from './shop';
import { ShopLayout, WhenSessionKnown } from './ShopLayout';
import { WishlistPage } from './wishlist/WishlistPage';

/** A shop's storefront under /shop/{tenant_id}: the tenant comes from the URL (X-Tenant-Id). */
export function StorefrontRoutes() {
  const { tenantId = '' } = useParams();
  return (
    <WhenSessionKnown>
      <ShopProvider key={tenantId} tenantId={tenantId}>
        <Routes>
          <Route element={<ShopLayout />}>
            <Route index element={<Catalog />} />
            <Route path="items/:itemId" element={<ItemPage />} />
            <Route path="cart" element={<CartPage />} />
            <Route path="wishlist" element={<WishlistPage />} />
            <Route path="login" element={<ShopSignIn />} />
            <Route path="signup" element={<ShopSignUp />} />
            <Route path="checkout" element={<CheckoutPage />} />
            <Route path="orders" element={<OrdersPage />} />
            <Route path="orders/:orderId" element={<OrderPage />} />
            <Route path="*" element={<ShopNotFound />} />
          </Route>
        </Routes>
      </ShopProvider>
    </WhenSessionKnown>
  );
}

function ShopNotFound() {
  const { shopPath } = useShop();
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address in this shop. <Link to={shopPath()}>Continue shopping</Link>.
      </p>
    </section>
  );
}
