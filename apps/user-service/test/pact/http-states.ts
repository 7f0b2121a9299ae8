import type { StateHandlers } from '@platform/pact';
import request from 'supertest';
import { bearer, type UserService } from '../harness';

/**
 * The provider states of the HTTP pacts with user-service, each made true through user-service's own
 * API on its real stores (the harness's database and Redis). What the consumer's request must carry (an
 * id, a key, a token) goes back to the verifier, which puts it where the pact says `fromProviderState`.
 */
export function userServiceHttpStates(svc: UserService): StateHandlers {
  return {
    'a user exists': async () => {
      const account = await svc.register();
      return { userId: account.user.id };
    },
    'a tenant exists': async () => {
      const account = await svc.register();
      return { tenantId: account.user.tenant_id };
    },
    'an API key exists': async () => {
      const admin = await svc.register();
      const res = await request(svc.app)
        .post('/api/v1/api-keys')
        .set(bearer(admin.access_token))
        .send({ name: 'pact', permissions: ['read'], environment: 'test' })
        .expect(201);
      return { apiKey: (res.body as { key: string }).key };
    },
    'a user with a password exists': async () => {
      const account = await svc.register();
      return { email: account.user.email, password: account.password };
    },
    'a user is signed in': async () => {
      const account = await svc.register();
      return { refreshToken: account.refresh_token };
    },
  };
}
