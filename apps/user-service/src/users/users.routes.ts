import { principalOf, requireUser } from '@platform/auth';
import {
  CreateUserRequestSchema,
  ListUsersQuerySchema,
  PageQuerySchema,
  UpdateUserRequestSchema,
  UserIdParamsSchema,
  VerifyUserRequestSchema,
} from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { createAccount, type AccountDeps } from './create-account';
import { deleteUser, getUser, listUserEvents, listUsers, updateUser, type ManageDeps } from './manage-user';
import { verifyUser } from './verify-user';

/** Seed 001 User API. */
export function usersRouter(deps: AccountDeps & ManageDeps): Router {
  const router = Router();
  const userId = (params: unknown) => parseInput(UserIdParamsSchema, params, 'params').user_id;

  // public sign-up (a new tenant), or an admin adding a user to their tenant
  router.post('/api/users', async (req, res) => {
    const body = parseInput(CreateUserRequestSchema, req.body);
    const { user } = await createAccount(
      { ...body, firstName: body.first_name, lastName: body.last_name },
      principalOf(res),
      deps,
    );
    res.status(201).location(`/api/users/${user.id}`).json(user);
  });

  // the tenant's users, for its admins
  router.get('/api/users', async (req, res) => {
    const actor = requireUser(res);
    res.json(await listUsers(actor, parseInput(ListUsersQuerySchema, req.query, 'query'), deps));
  });

  router.get('/api/users/:user_id', async (req, res) => {
    res.json(await getUser(requireUser(res), userId(req.params), deps));
  });

  router.put('/api/users/:user_id', async (req, res) => {
    const actor = requireUser(res);
    res.json(
      await updateUser(actor, userId(req.params), parseInput(UpdateUserRequestSchema, req.body), deps),
    );
  });

  router.delete('/api/users/:user_id', async (req, res) => {
    await deleteUser(requireUser(res), userId(req.params), deps);
    res.status(204).end();
  });

  // public: the e-mailed token is the credential
  router.post('/api/users/:user_id/verify', async (req, res) => {
    const { verification_token } = parseInput(VerifyUserRequestSchema, req.body);
    res.json(await verifyUser(userId(req.params), verification_token, deps));
  });

  router.get('/api/users/:user_id/events', async (req, res) => {
    const actor = requireUser(res);
    res.json(
      await listUserEvents(actor, userId(req.params), parseInput(PageQuerySchema, req.query, 'query'), deps),
    );
  });

  return router;
}
