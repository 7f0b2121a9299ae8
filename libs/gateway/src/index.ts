export { ROUTES, PRIVATE_PATHS, UPSTREAMS, type Route, type Upstream } from './routes';
export { findRoute, routeMatches, upstreamFor } from './match';
