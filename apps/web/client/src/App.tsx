import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { SessionProvider } from './api/session';
import { Home } from './home/Home';
import { StorefrontRoutes } from './storefront/StorefrontRoutes';
import { Loading } from './ui/Loading';
import { NotFound } from './ui/NotFound';
import { VerifyEmail } from './verify-email/VerifyEmail';

// the dashboard (and its charts) is a chunk of its own: a shop's buyers never download it
const DashboardRoutes = lazy(() =>
  import('./dashboard/DashboardRoutes').then((m) => ({ default: m.DashboardRoutes })),
);

/** Two parts on one origin: a shop's storefront under /shop/{tenant_id}, the tenant dashboard under /dashboard. */
export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/shop/:tenantId/*" element={<StorefrontRoutes />} />
          {/* the link in the verification e-mail (user-service's PUBLIC_URL is this origin) */}
          <Route path="/verify-email" element={<VerifyEmail />} />
          <Route
            path="/dashboard/*"
            element={
              <Suspense fallback={<Loading what="Loading the dashboard" />}>
                <DashboardRoutes />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFound standalone />} />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
