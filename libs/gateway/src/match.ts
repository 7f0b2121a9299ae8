import { ROUTES, type Route, type Upstream } from './routes';

const segments = (p: string) => p.split('/').filter(Boolean);

/** Whether `route` matches `path` the way a Kubernetes Ingress does (exact, or prefix by whole segments). */
export function routeMatches(route: Route, path: string): boolean {
  if (route.match === 'exact') return path === route.path;
  const want = segments(route.path);
  const have = segments(path);
  return want.length <= have.length && want.every((s, i) => s === have[i]);
}

/** The route that answers `path` (exact first, then the longest prefix), or undefined: the web app's. */
export function findRoute(path: string, routes: readonly Route[] = ROUTES): Route | undefined {
  const matching = routes.filter((r) => routeMatches(r, path));
  return (
    matching.find((r) => r.match === 'exact') ??
    matching.sort((a, b) => segments(b.path).length - segments(a.path).length)[0]
  );
}

/** The upstream for a request path: a service, or `web` (the web app's pages and its own API). */
export function upstreamFor(path: string, routes: readonly Route[] = ROUTES): Upstream {
  return findRoute(path, routes)?.service ?? 'web';
}
