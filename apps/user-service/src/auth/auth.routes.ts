import {
  LoginRequestSchema,
  LogoutRequestSchema,
  RefreshRequestSchema,
  RegisterHeadersSchema,
  RegisterRequestSchema,
} from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { type AccountDeps } from '../users/create-account';
import { login, type LoginDeps } from './login';
import { logout, refresh } from './refresh';
import { register } from './register';

/** Seed 002 §6, seed 003, seed 004 §5: all public (they are how one gets a credential). */
export function authRouter(deps: AccountDeps & LoginDeps): Router {
  const router = Router();

  router.post('/api/v1/auth/register', async (req, res) => {
    const body = parseInput(RegisterRequestSchema, req.body);
    const headers = parseInput(RegisterHeadersSchema, { 'x-tenant-id': req.get('x-tenant-id') }, 'headers');
    res.status(201).json(await register(body, deps, headers['x-tenant-id']));
  });

  router.post('/api/v1/auth/login', async (req, res) => {
    res.json(await login(parseInput(LoginRequestSchema, req.body), { ip: req.ip ?? 'unknown' }, deps));
  });

  router.post('/api/v1/auth/refresh', async (req, res) => {
    res.json(await refresh(parseInput(RefreshRequestSchema, req.body).refresh_token, deps));
  });

  router.post('/api/v1/auth/logout', async (req, res) => {
    await logout(parseInput(LogoutRequestSchema, req.body).refresh_token, deps);
    res.status(204).end();
  });

  router.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(deps.tokens.keys.jwks);
  });

  return router;
}
