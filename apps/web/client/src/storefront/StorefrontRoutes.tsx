import { Route, Routes } from 'react-router';
import { NotFound } from '../ui/NotFound';

/** A shop's storefront under /shop/{tenant_id}: the tenant comes from the URL (X-Tenant-Id). Filled in by the storefront work. */
export function StorefrontRoutes() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
