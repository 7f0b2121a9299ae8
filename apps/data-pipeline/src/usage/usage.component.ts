import { type RequestHandler } from 'express';
import { type Component, type ComponentDeps } from '../component';

/**
 * Usage (seed 002 §5): the public routes' rate limit, monthly quota and metering, and `GET /api/v1/usage`.
 * `publicRoutes` run on every `/api/v1/*` request after authentication.
 */
export function usageComponent(_deps: ComponentDeps): Component & { publicRoutes: RequestHandler[] } {
  return { routers: [], background: [], checks: [], publicRoutes: [] };
}
