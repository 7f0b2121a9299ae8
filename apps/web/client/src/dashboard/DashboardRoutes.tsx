import { Route, Routes } from 'react-router';
import { NotFound } from '../ui/NotFound';

/** The tenant dashboard under /dashboard (seed 002 §6). Filled in by the dashboard work. */
export function DashboardRoutes() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
