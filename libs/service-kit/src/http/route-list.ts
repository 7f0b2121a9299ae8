import { type Express, type RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

/** One route an Express app serves, with its path in OpenAPI's spelling (`/users/{id}`). */
export interface ServedRoute {
  method: string;
  path: string;
}

// The parts of Express 5's router (router@2) that the walk reads; it has no public typings for them.
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `/users/:id` → `/users/{id}`; a path that is not a plain string (a RegExp, an array) is left out. */
const toOpenApiPath = (prefix: string, path: unknown): string | undefined => {
  if (typeof path !== 'string') return undefined;
  const joined = `${prefix}${path === '/' && prefix ? '' : path}`;
  return joined.replace(/:(\w+)/g, '{$1}');
};

function walk(stack: Layer[], prefix: string, out: ServedRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const path = toOpenApiPath(prefix, layer.route.path);
      if (!path) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') out.push({ method, path });
      }
    } else if (layer.handle?.stack) {
      // a nested Router: its routes live under the path it was mounted at
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      walk(layer.handle.stack, `${prefix}${mount}`, out);
    }
  }
}

/**
 * Every method+path an app routes, nested routers included, sorted and without duplicates. Middleware
 * mounted with `use` (static files, the Swagger UI) is not a route and is not listed.
 */
export function listRoutes(app: Express): ServedRoute[] {
  const out: ServedRoute[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  const seen = new Map(out.map((r) => [`${r.method} ${r.path}`, r]));
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
const matcherOf = (path: string) =>
  new RegExp(
    `^${path
      .split(/\{[^}]+\}/)
      .map(escape)
      .join('[^/]+')}/?$`,
  );

/**
 * A known path asked with a method it does not serve answers 405 with `Allow` (RFC 9110 §15.5.6), not the
 * 404 of an unknown path. Mounted just before the 404 handler; the routes are read on the first request,
 * when every router is in place.
 */
export const methodNotAllowed = (app: Express): RequestHandler => {
  let table: { matches: RegExp; allow: string[] }[] | undefined;
  const build = () => {
    const byPath = new Map<string, Set<string>>();
    for (const r of listRoutes(app)) {
      const methods = byPath.get(r.path) ?? new Set<string>();
      methods.add(r.method.toUpperCase());
      if (r.method === 'get') methods.add('HEAD'); // Express answers HEAD with the GET handler
      byPath.set(r.path, methods);
    }
    return [...byPath].map(([path, methods]) => ({ matches: matcherOf(path), allow: [...methods].sort() }));
  };
  return (req, res, next) => {
    table ??= build();
    const allow = [...new Set(table.filter((t) => t.matches.test(req.path)).flatMap((t) => t.allow))];
    if (allow.length === 0 || allow.includes(req.method)) return next();
    res.setHeader('Allow', allow.sort().join(', '));
    next(
      new AppError({
        code: 'METHOD_NOT_ALLOWED',
        status: 405,
        message: `${req.method} is not allowed on ${req.path}; allowed: ${allow.join(', ')}`,
        details: { allow },
      }),
    );
  };
};
