import { principalOf } from '@platform/auth';
import { ServiceTenantHeaderSchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { type Request, type Response } from 'express';
import { dashboardUser } from '../callers/callers';

/**
 * The tenant of a consumer route's caller (seed 004: "Internal Consumers: Service Token"): a signed-in
 * admin or developer acts for their own tenant; another service of the platform (a service token for
 * data-pipeline) names the tenant it acts for in `X-Tenant-Id`, which it is trusted to do as it is
 * trusted with `/internal/*`.
 */
export function consumerTenantOf(req: Request, res: Response): string {
  if (principalOf(res)?.kind === 'service') {
    const headers = parseInput(
      ServiceTenantHeaderSchema,
      { 'x-tenant-id': req.get('x-tenant-id') },
      'headers',
    );
    return headers['x-tenant-id'];
  }
  return dashboardUser(res).tenantId;
}
