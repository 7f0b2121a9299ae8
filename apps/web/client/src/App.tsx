import { BrowserRouter, Route, Routes } from 'react-router';
import { SessionProvider } from './api/session';
import { DashboardRoutes } from './dashboard/DashboardRoutes';
import { Home } from './home/Home';
import { StorefrontRoutes } from './storefront/StorefrontRoutes';
import { NotFound } from './ui/NotFound';

/** Two parts on one origin: a shop's storefront under /shop/{tenant_id}, the tenant dashboard under /dashboard. */
export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/shop/:tenantId/*" element={<StorefrontRoutes />} />
          <Route path="/dashboard/*" element={<DashboardRoutes />} />
          <Route path="*" element={<NotFound standalone />} />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
