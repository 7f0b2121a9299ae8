import { Outlet } from 'react-router';

/** The dashboard's frame: who is signed in, the navigation for their role, sign out (to be built). */
export function DashboardLayout() {
  return <Outlet />;
}
