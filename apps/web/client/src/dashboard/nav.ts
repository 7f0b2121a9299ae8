import type { Role } from '../api/session';

export interface NavPage {
  to: string;
  label: string;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['admin', 'developer', 'viewer'];
const BUILDERS: readonly Role[] = ['admin', 'developer'];
const ADMIN: readonly Role[] = ['admin'];

/** The dashboard's pages in the order of the side nav, each with the roles that may open it (as DashboardRoutes guards them). */
export const NAV_PAGES: readonly NavPage[] = [
  { to: '/dashboard', label: 'Your shop', roles: ALL },
  { to: '/dashboard/users', label: 'Users and roles', roles: ADMIN },
  { to: '/dashboard/api-keys', label: 'API keys', roles: ADMIN },
  { to: '/dashboard/usage', label: 'Usage', roles: BUILDERS },
  { to: '/dashboard/catalog', label: 'Catalog', roles: BUILDERS },
  { to: '/dashboard/orders', label: 'Orders and payments', roles: ADMIN },
  { to: '/dashboard/training', label: 'Training', roles: BUILDERS },
  { to: '/dashboard/models', label: 'Model versions', roles: BUILDERS },
  { to: '/dashboard/try', label: 'Try recommendations', roles: BUILDERS },
  { to: '/dashboard/eventflow', label: 'EventFlow', roles: BUILDERS },
];

/** The pages a role may open. */
export function pagesFor(role: Role): NavPage[] {
  return NAV_PAGES.filter((p) => p.roles.includes(role));
}
