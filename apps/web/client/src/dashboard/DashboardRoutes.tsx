import { Route, Routes } from 'react-router';
import { NotFound } from '../ui/NotFound';
import { ApiKeysPage } from './api-keys/ApiKeysPage';
import { DashboardLogin } from './auth/DashboardLogin';
import { DashboardSignup } from './auth/DashboardSignup';
import { CatalogPage } from './catalog/CatalogPage';
import { DashboardLayout } from './DashboardLayout';
import { EventFlowPage } from './eventflow/EventFlowPage';
import { ModelsPage } from './ml/ModelsPage';
import { TrainingPage } from './ml/TrainingPage';
import { TryRecommendationsPage } from './ml/TryRecommendationsPage';
import { OrdersPage } from './orders/OrdersPage';
import { RequireRole } from './RequireRole';
import { TenantPage } from './tenant/TenantPage';
import { UsagePage } from './usage/UsagePage';
import { UsersPage } from './users/UsersPage';

const ADMIN = ['admin'] as const;
const BUILDERS = ['admin', 'developer'] as const;

/**
 * The tenant dashboard under /dashboard (seed 002 §6, seed 004's dashboard user). Every page but the
 * tenant's needs an admin or a developer; users, API keys and orders need an admin.
 */
export function DashboardRoutes() {
  return (
    <Routes>
      <Route path="login" element={<DashboardLogin />} />
      <Route path="signup" element={<DashboardSignup />} />
      <Route element={<DashboardLayout />}>
        <Route index element={<TenantPage />} />
        <Route
          path="users"
          element={
            <RequireRole allow={[...ADMIN]}>
              <UsersPage />
            </RequireRole>
          }
        />
        <Route
          path="api-keys"
          element={
            <RequireRole allow={[...ADMIN]}>
              <ApiKeysPage />
            </RequireRole>
          }
        />
        <Route
          path="usage"
          element={
            <RequireRole allow={[...BUILDERS]}>
              <UsagePage />
            </RequireRole>
          }
        />
        <Route
          path="catalog"
          element={
            <RequireRole allow={[...BUILDERS]}>
              <CatalogPage />
            </RequireRole>
          }
        />
        <Route
          path="orders"
          element={
            <RequireRole allow={[...ADMIN]}>
              <OrdersPage />
            </RequireRole>
          }
        />
        <Route
          path="training"
          element={
            <RequireRole allow={[...BUILDERS]}>
              <TrainingPage />
            </RequireRole>
          }
        />
        <Route
          path="models"
          element={
            <RequireRole allow={[...BUILDERS]}>
              <ModelsPage />
            </RequireRole>
          }
        />
        <Route
          path="try"
          element={
            <RequireRole allow={[...BUILDERS]}>
              <TryRecommendationsPage />
            </RequireRole>
          }
        />
        <Route
          path="eventflow"
          element={
            <RequireRole allow={[...BUILDERS]}>
              <EventFlowPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
