import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createServiceTokens } from '@platform/auth';
import { serviceTokenFilter, verifyProvider } from '@platform/pact';
import { closeServer } from '@platform/service-kit';
import { startUserService, type UserService } from '../harness';
import { userServiceHttpStates } from './http-states';
import { userServiceMessages } from './message-providers';

/**
 * user-service against every pact that names it (contracts/pacts/*-user-service.json): the HTTP calls
 * of its consumers replayed on the real app and stores, and the events they consume, produced by the
 * use cases that really produce them. Fails with the verifier's report when any interaction breaks.
 */
let svc: UserService;
let server: Server;

beforeAll(async () => {
  svc = await startUserService();
  server = svc.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
});

afterAll(async () => {
  await closeServer(server);
  await svc.stop();
});

it('honours every pact its consumers have with user-service', async () => {
  const messages = userServiceMessages(svc);
  const tokens = createServiceTokens(svc.config.SERVICE_TOKEN_SECRET);
  const result = await verifyProvider({
    provider: 'user-service',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stateHandlers: { ...userServiceHttpStates(svc), ...messages.stateHandlers },
    messageProviders: messages.messageProviders,
    requestFilter: serviceTokenFilter((caller, audience) => tokens.token(caller, audience)),
  });
  expect(result.ok).toBe(true);
});
