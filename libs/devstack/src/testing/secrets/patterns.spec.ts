import { createHash } from 'node:crypto';
import { findSecrets, redactedExcerpt } from './patterns';
import { knownSecrets, rememberSecret } from './registry';

// shapes as the services make them (libs/auth, user-service), with made-up values
const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1LTEiLCJ0ZW5hbnRfaWQiOiJ0LTEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const API_KEY = 'sk_live_AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const REFRESH = `rt_${'A1b2C3d4E5'.repeat(4)}xyz`;
const VERIFY = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4';
const kinds = (text: string) => findSecrets(text, knownSecrets()).map((h) => h.kind);

describe('the secret patterns', () => {
  it('find a JWT, a raw API key, a refresh token and a verification token in any text', () => {
    expect(kinds(`{"msg":"login","authorization":"Bearer ${JWT}"}`)).toEqual(['jwt']);
    expect(kinds(`key ${API_KEY} used`)).toEqual(['api-key']);
    expect(kinds(`{"refresh_token":"${REFRESH}"}`)).toEqual(['refresh-token']);
    expect(kinds(`GET /verify-email?user_id=u1&token=${VERIFY} 200`)).toEqual(['verification-token']);
    expect(kinds(`{"verification_token":"${VERIFY}"}`)).toEqual(['verification-token']);
  });

  it('find passwords, CVVs and card numbers in fields named so, also in JSON inside a JSON string', () => {
    expect(kinds('{"email":"a@b.c","password":"hunter2!"}')).toEqual(['password']);
    expect(kinds('{"payload":"{\\"newPassword\\":\\"s3cret-value\\"}"}')).toEqual(['password']);
    expect(kinds('{"paymentMethod":{"cvv":"123"}}')).toEqual(['cvv']);
    expect(kinds('{"cardNumber":"4111 1111 1111 1111"}')).toEqual(['card-number']);
    expect(kinds('charging card 4012888888881881 for order 7')).toEqual(['card-number']);
  });

  it('find the values tests registered, and the gateway test cards, wherever they are', () => {
    const password = rememberSecret('password', 'pw-1f2e3d4c-secret');
    expect(kinds(`user typed ${password} in the name field`)).toEqual(['password']);
    expect(kinds('order note: 4242424242424242')).toEqual(['card-number']);
  });

  it('leave hashes, redactions, masks, ids, traceparents and key prefixes alone', () => {
    const clean = [
      `{"key_hash":"${createHash('sha256').update(API_KEY).digest('hex')}","key_prefix":"sk_live_AbCdEf"}`,
      '{"password_hash":"$2b$10$abcdefghijklmnopqrstuuN0pQ8cL1WZr9Zxv1ZrQm3V0h3yYkq2e"}',
      '{"password":"[REDACTED]","cvv":"[REDACTED]","cardNumber":"[REDACTED]","authorization":"[REDACTED]"}',
      '{"card":{"last4":"4242","brand":"visa"},"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}',
      '{"order_id":"6f1c2b9e-3d7a-4c1e-9b8f-2a5d6e7f8a9b","time":1732440000000,"amount":4242424242}',
      `{"token_hash":"${createHash('sha256').update(VERIFY).digest('hex')}","user_id":"u1"}`,
    ];
    for (const text of clean) expect([text, kinds(text)]).toEqual([text, []]);
  });

  it('redacts every secret of an excerpt, never showing one', () => {
    const text = `{"msg":"x","token":"${JWT}","password":"hunter2!","api_key":"${API_KEY}"}`;
    const hits = findSecrets(text, knownSecrets());
    const excerpt = redactedExcerpt(text, hits, 1);
    expect(excerpt).toContain('"password":"‹password›"');
    for (const secret of [JWT, 'hunter2!', API_KEY]) expect(excerpt).not.toContain(secret);
  });
});
