import { MatchersV3 } from '@platform/pact';
import { EXAMPLE, type UserServicePact } from './user-service-pact';

const { like, uuid, regex, integer, fromProviderState } = MatchersV3;

/** The web app's sign-in calls to user-service's public auth API (the browser's session endpoints). */
const jsonHeaders = { 'Content-Type': 'application/json' };
const exampleRefresh = 'rt_example_refresh_token';

/** Login and register answers: the tokens and who signed in. `role` as given (exact) or any role. */
const authBody = (accessToken: string, user: { role?: string; tenantId?: unknown } = {}) => ({
  access_token: like(accessToken),
  refresh_token: like(exampleRefresh),
  token_type: 'Bearer',
  expires_in: integer(900),
  user: {
    id: uuid(EXAMPLE.userId),
    email: regex('^[^@\\s]+@[^@\\s]+$', 'buyer@example.com'),
    tenant_id: user.tenantId ?? uuid(EXAMPLE.tenantId),
    role: user.role ?? regex('^(admin|developer|viewer)$', 'admin'),
  },
});

/** `POST /api/v1/auth/login` with a user's right password. */
export const loginAccepted = (pact: UserServicePact, accessToken: string) =>
  pact
    .addInteraction()
    .given('a user with a password exists')
    .uponReceiving('a request to log in with the right password')
    .withRequest('POST', '/api/v1/auth/login', (b) =>
      b.headers(jsonHeaders).jsonBody({
        email: fromProviderState('${email}', 'buyer@example.com'),
        password: fromProviderState('${password}', 'correct-horse-battery'),
      }),
    )
    .willRespondWith(200, (b) => b.jsonBody(authBody(accessToken)));

/** The same with a wrong password: 401 AUTHENTICATION_FAILED (the web app passes it to the browser). */
export const loginRefused = (pact: UserServicePact) =>
  pact
    .addInteraction()
    .given('a user with a password exists')
    .uponReceiving('a request to log in with a wrong password')
    .withRequest('POST', '/api/v1/auth/login', (b) =>
      b.headers(jsonHeaders).jsonBody({
        email: fromProviderState('${email}', 'buyer@example.com'),
        password: 'not-the-password',
      }),
    )
    .willRespondWith(401, (b) => b.jsonBody({ error: { code: 'AUTHENTICATION_FAILED' } }));

/** `POST /api/v1/auth/register` without X-Tenant-Id: a new tenant, the caller its admin. */
export const registerOwnShop = (pact: UserServicePact, accessToken: string) =>
  pact
    .addInteraction()
    .uponReceiving('a request to register with a new tenant')
    .withRequest('POST', '/api/v1/auth/register', (b) =>
      b.headers(jsonHeaders).jsonBody({ email: 'owner@example.com', password: 'owner-password-1' }),
    )
    .willRespondWith(201, (b) => b.jsonBody(authBody(accessToken, { role: 'admin' })));

/** The same with X-Tenant-Id: the buyer joins that shop as a viewer. */
export const registerInShop = (pact: UserServicePact, accessToken: string) =>
  pact
    .addInteraction()
    .given('a tenant exists')
    .uponReceiving('a request to register as a buyer of a shop')
    .withRequest('POST', '/api/v1/auth/register', (b) =>
      b
        .headers({ ...jsonHeaders, 'X-Tenant-Id': fromProviderState('${tenantId}', EXAMPLE.tenantId) })
        .jsonBody({ email: 'buyer@example.com', password: 'buyer-password-1' }),
    )
    .willRespondWith(201, (b) =>
      b.jsonBody(
        authBody(accessToken, {
          role: 'viewer',
          tenantId: fromProviderState('${tenantId}', EXAMPLE.tenantId),
        }),
      ),
    );

const refreshBody = () => ({ refresh_token: fromProviderState('${refreshToken}', exampleRefresh) });

/** `POST /api/v1/auth/refresh` with a live refresh token: new tokens (the refresh token rotated). */
export const refreshAccepted = (pact: UserServicePact, accessToken: string) =>
  pact
    .addInteraction()
    .given('a user is signed in')
    .uponReceiving('a request to refresh a session')
    .withRequest('POST', '/api/v1/auth/refresh', (b) => b.headers(jsonHeaders).jsonBody(refreshBody()))
    .willRespondWith(200, (b) =>
      b.jsonBody({
        access_token: like(accessToken),
        refresh_token: like('rt_example_rotated_token'),
        token_type: 'Bearer',
        expires_in: integer(900),
      }),
    );

/** The same with a token user-service refuses (unknown, expired, revoked, reused): 401. */
export const refreshRefused = (pact: UserServicePact) =>
  pact
    .addInteraction()
    .uponReceiving('a request to refresh a session with an unknown refresh token')
    .withRequest('POST', '/api/v1/auth/refresh', (b) =>
      b.headers(jsonHeaders).jsonBody({ refresh_token: 'rt_unknown_refresh_token' }),
    )
    .willRespondWith(401, (b) => b.jsonBody({ error: { code: 'AUTHENTICATION_FAILED' } }));

/** `POST /api/v1/auth/logout`: the refresh token is revoked; 204. */
export const logout = (pact: UserServicePact) =>
  pact
    .addInteraction()
    .given('a user is signed in')
    .uponReceiving('a request to log out')
    .withRequest('POST', '/api/v1/auth/logout', (b) => b.headers(jsonHeaders).jsonBody(refreshBody()))
    .willRespondWith(204);
