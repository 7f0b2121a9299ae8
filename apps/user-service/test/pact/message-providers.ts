import { TOPICS, type Topic } from '@platform/contracts';
import { providerWithMetadata, type MessageProviders, type StateHandlers } from '@platform/pact';
import request from 'supertest';
import { bearer, type UserService } from '../harness';

type Account = Awaited<ReturnType<UserService['register']>>;

/**
 * user-service's events for the message pacts (user.events, notifications), each produced by the use
 * case that really produces it and read back from the outbox row. Used by provider.pact.spec.ts.
 */
export function userServiceMessages(svc: UserService): {
  stateHandlers: StateHandlers;
  messageProviders: MessageProviders;
} {
  const api = () => request(svc.app);

  /** The newest outbox row of `type` about `aggregateId`: exactly what the relay would publish. */
  const outboxEvent = async (type: string, aggregateId: string): Promise<object> => {
    const { rows } = await svc.pool.query<{ payload: object }>(
      `SELECT payload FROM outbox WHERE payload->>'event_type' = $1 AND payload->>'aggregate_id' = $2
        ORDER BY id DESC LIMIT 1`,
      [type, aggregateId],
    );
    if (!rows[0]) throw new Error(`no ${type} of ${aggregateId} in user-service's outbox`);
    return rows[0].payload;
  };

  /** A message provider: run the use case, then hand over the event it wrote, on its logical topic. */
  const produced = (type: string, topic: Topic, useCase: () => Promise<string>) =>
    providerWithMetadata(async () => outboxEvent(type, await useCase()), { topic });
  const user = (type: string, useCase: (a: Account) => Promise<unknown>) =>
    produced(type, TOPICS.userEvents, async () => {
      const account = await svc.register();
      await useCase(account);
      return account.user.id;
    });

  return {
    stateHandlers: {},
    messageProviders: {
      // sign-up: the account, its shop and the verification mail request, in one transaction
      'a UserCreated event': user('UserCreated', async () => undefined),
      'a TenantCreated event': produced('TenantCreated', TOPICS.userEvents, async () => {
        const account = await svc.register();
        return account.user.tenant_id;
      }),
      'a NotificationRequested event': produced('NotificationRequested', TOPICS.notifications, async () => {
        const account = await svc.register();
        return account.user.id;
      }),
      'a UserUpdated event': user('UserUpdated', (a) =>
        api()
          .put(`/api/users/${a.user.id}`)
          .set(bearer(a.access_token))
          .send({ first_name: 'Grace' })
          .expect(200),
      ),
      'a UserDeleted event': user('UserDeleted', (a) =>
        api().delete(`/api/users/${a.user.id}`).set(bearer(a.access_token)).expect(204),
      ),
      // a guest who filled a cart signs in: the login names the guest session
      'a UserLoggedIn event for a guest session': user('UserLoggedIn', (a) =>
        api()
          .post('/api/v1/auth/login')
          .send({ email: a.user.email, password: a.password, session_id: 's_guest-pact' })
          .expect(200),
      ),
      'an ApiKeyRevoked event': produced('ApiKeyRevoked', TOPICS.userEvents, async () => {
        const admin = await svc.register();
        const key = await api()
          .post('/api/v1/api-keys')
          .set(bearer(admin.access_token))
          .send({ name: 'pact', permissions: ['read'] })
          .expect(201);
        const keyId = (key.body as { id: string }).id;
        await api().delete(`/api/v1/api-keys/${keyId}`).set(bearer(admin.access_token)).expect(204);
        return keyId;
      }),
    },
  };
}
