import { CreateUserRequestSchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { createUser, type CreateUserDeps } from './create-user';

export function usersRouter(deps: CreateUserDeps): Router {
  const router = Router();

  // public: sign-up (seed 001)
  router.post('/api/users', async (req, res) => {
    const user = await createUser(parseInput(CreateUserRequestSchema, req.body), deps);
    res.status(201).location(`/api/users/${user.id}`).json(user);
  });

  return router;
}
