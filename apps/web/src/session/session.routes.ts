import {
  type AuthResponse,
  type RefreshResponse,
  type SessionGrant,
  WebEmptyRequestSchema,
  WebLoginRequestSchema,
  WebRegisterRequestSchema,
} from '@platform/contracts';
import { type ServiceClient } from '@platform/resilience';
import { AppError, Errors, parseInput } from '@platform/service-kit';
import { type AccessClaims } from '@platform/auth';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { clearRefreshCookie, readCookie, REFRESH_COOKIE, setRefreshCookie } from './cookie';

export interface SessionDeps {
  userService: ServiceClient;
  verifyAccessToken: (token: string) => Promise<AccessClaims>;
  /** The refresh token's life in seconds (the cookie's Max-Age). */
  refreshTtlSeconds: number;
}

/**
 * CSRF: a form on another site can POST `text/plain` or a form body without a preflight, never
 * `application/json`; with SameSite=Strict cookies that closes the session endpoints to other sites.
 */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (req.method === 'POST' && !req.is('application/json'))
    return next(
      new AppError({
        code: 'VALIDATION_ERROR',
        status: 415,
        message: 'Session requests must be sent as application/json',
      }),
    );
  next();
};

/** user-service's login throttle counts by the browser's address, not the web server's. */
const forwarded = (req: Request) => ({ 'x-forwarded-for': req.ip ?? '' });

/** `/web-api/session/*`: the access token in the answer, the rotating refresh token only as a cookie. */
export function sessionRouter(deps: SessionDeps): Router {
  const router = Router();
  router.use('/web-api/session', requireJson);

  const grant = (req: Request, res: Response, tokens: RefreshResponse, user: SessionGrant['user']) => {
    setRefreshCookie(req, res, tokens.refresh_token, deps.refreshTtlSeconds);
    res.set('Cache-Control', 'no-store');
    const body: SessionGrant = { access_token: tokens.access_token, expires_in: tokens.expires_in, user };
    return body;
  };

  router.post('/web-api/session/login', async (req, res) => {
    const body = parseInput(WebLoginRequestSchema, req.body);
    const auth = await deps.userService.post<AuthResponse>('/api/v1/auth/login', body, {
      headers: forwarded(req),
    });
    res.json(grant(req, res, auth, auth.user));
  });

  router.post('/web-api/session/register', async (req, res) => {
    const { tenant_id, ...body } = parseInput(WebRegisterRequestSchema, req.body);
    const auth = await deps.userService.post<AuthResponse>('/api/v1/auth/register', body, {
      headers: { ...forwarded(req), ...(tenant_id ? { 'x-tenant-id': tenant_id } : {}) },
    });
    res.status(201).json(grant(req, res, auth, auth.user));
  });

  router.post('/web-api/session/refresh', async (req, res) => {
    parseInput(WebEmptyRequestSchema, req.body ?? {});
    const token = readCookie(req, REFRESH_COOKIE);
    if (!token) throw Errors.unauthenticated('Not signed in');
    let tokens: RefreshResponse;
    try {
      tokens = await deps.userService.post<RefreshResponse>('/api/v1/auth/refresh', { refresh_token: token });
    } catch (err) {
      // a refused token (expired, revoked, reused) ends the session in this browser too
      if ((err as { status?: number }).status === 401) clearRefreshCookie(req, res);
      throw err;
    }
    const claims = await deps.verifyAccessToken(tokens.access_token);
    if (claims.typ !== 'access' || !claims.tenant_id || !claims.role)
      throw Errors.unauthenticated('Not an access token');
    const user = {
      id: claims.sub,
      tenant_id: claims.tenant_id,
      role: claims.role as SessionGrant['user']['role'],
    };
    res.json(grant(req, res, tokens, user));
  });

  router.post('/web-api/session/logout', async (req, res) => {
    parseInput(WebEmptyRequestSchema, req.body ?? {});
    const token = readCookie(req, REFRESH_COOKIE);
    clearRefreshCookie(req, res);
    // an unknown or already revoked token is signed out all the same
    if (token)
      await deps.userService
        .post('/api/v1/auth/logout', { refresh_token: token })
        .catch((err: { status?: number }) => {
          if (!err.status || err.status >= 500 || err.status === 429) throw err;
        });
    res.status(204).end();
  });

  return router;
}
