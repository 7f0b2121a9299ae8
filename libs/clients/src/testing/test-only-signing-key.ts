import jwt from 'jsonwebtoken';
import { kidOf, publicJwk } from '@platform/auth';

/**
 * TEST-ONLY RSA key pair, generated once for the pacts with user-service's JWKS and kept here so the
 * committed pact files stay the same from run to run. It signs nothing outside tests: no service loads
 * it, and user-service signs with its own key (the provider verification checks only the JWKS shape).
 */
export const TEST_ONLY_SIGNING_KEY_PEM = `
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCXijCDP3/ol1oc
N83qrfrRraRDNgxRKs3UDAxLqLvaDO31OeOJiwqouBBYSRBTPrcoBU8qqgov7UJg
73Wt7RAvE+173KYX4EPsfo2vHy7umN/z53H3tkYZj5Py/l57m4Fcj24DY7ZoKC21
6uy9Ud+NcaTK4xyA4jTAhBsiLlltt+WT8B4L2UQjtbEKSPQj0Lbcu1c++xpQDoUe
ZZybd0m9+MztTi7kgMBIqJnu9aaFYMAL3WYtc6RPz28yrA/Z2EpUw1nAccqxPjot
Cdb+dbRZ5YLwX7qcXB0JARhecbn7wNKGweKEvoJZQ3X0tFApJvhk3ywnpRF4cC7u
NS850LYpAgMBAAECggEADzZSNSSzV4MVCsLf1wyAwpp0pEIZVa8PMzeD5vbw55xX
aV/2q1SjvOjgTCqGeuLPclMpHbJs3B+MQ6yaIrvq3Vz54K6XVkt/Kg8QtEkUNiOu
zJ5Z2pjnu9Jl0tVt4OjtASCNVcYFVjqdTxcejYk54KotNag7kOUUUFSaoDForQqq
nyWpgga17XIlEIsxh0/aHHrN06pukjdpykzFM/jH+izQgM702L8GyM6Iuu3lNjvU
3A6Z7RVlgh6iLrf0cTCUPJK1yZfSCrwIVxf2GHjVLxJBUyvnssukAFvdX90ZJdLT
Yef84lsUFlv+QlmumAV39E2JQSGus870xqRUcAb1oQKBgQDSADsaL4Zlgcyb9q3c
3LVnAgZ12VQXBolugF8MyavzKJ7feAsLBYTpHUy1jgU7FptKWCovZFh3pFbWX8L7
uxV7QP7tTE8rAdqQdDGBH8C8+8omwUI8bf7OaHxpKL/WyhAQbG2v4Jw5A5pMDy6K
18/XCnSykUqed3mswcURRaCSYQKBgQC4u8Lhnr7623qFoNkPnxyeVShU2LiRVgph
8sUJu4IAAAXxWDI9wScPsPjKWkBEb/sVE7aPpkWXH7TrPwN5c8Tq+zI3My5sb3BO
fefC/2GsS2+nP7yIdfW665rjtBVgWqbVF8LHzuypmL4gw1rXwllukvX+RG42pqQZ
MZq1W6LIyQKBgDCyJwJadOLC54xe9lAZyeLaAF+BhtNUC7hZAjF37myTRcvyDTWA
ESLxTWFoTmQ2SMpDiXy12yHbNNu/FvrCliefmb2zDUSeyGzo1LXphAsOpAC6nb5f
j0+TwQ2tilanQnRcgE7hWbiK0lPCzXsasjJeVVM3B8OZVtitkiIAMEzhAoGAUtob
OHerLfVbySzvzTrOahDFavBcLwrI008/ofLQBlH8WFb3CY1kiHwVySObKVaT5MsX
mOu40GOvD8cONt1+VulchzdUPdvpIbsERAen9c9Lf1Ztp0JIeJIMwM1WvQVLR81F
VbnvmMzhkO4tAxGubJJK88QbLjWk6Yu+2FIF+0kCgYEAtLuMQKx/PpuRwzus6/Kl
hu45tX5ZIBqaXJdIjcymnimVZAn+AABryxBIc3DlAxR/MdDNUvuJyqoEAxXkW9vu
Gyca/5KNkeJiDY497BOJj503WAwyEO0qRJBepqfEOZUGD2bEFbngbGXoPa0jkuwV
k7Kp3YIaNmt9L0qAbvUR9k8=
-----END PRIVATE KEY-----
`.trim();

export const TEST_ONLY_KID = kidOf(TEST_ONLY_SIGNING_KEY_PEM);

/** The JWKS entry of the test-only key: what the pact's example JWKS serves. */
export const TEST_ONLY_JWK = publicJwk(TEST_ONLY_SIGNING_KEY_PEM, TEST_ONLY_KID);

/** A fixed instant (iat) and a far expiry, so the signed example is the same in every run (RS256 is deterministic). */
const ISSUED_AT = 1_767_225_600; // 2026-01-01T00:00:00Z
const EXPIRES_AT = 4_102_444_800; // 2100-01-01T00:00:00Z

/** An access token as user-service issues it, signed with the test-only key (for pact examples). */
export function testOnlyAccessToken(
  claims: { sub: string; tenant_id: string; role: string },
  opts: { issuer: string; audience: string },
): string {
  return jwt.sign(
    { tenant_id: claims.tenant_id, role: claims.role, typ: 'access', iat: ISSUED_AT, exp: EXPIRES_AT },
    TEST_ONLY_SIGNING_KEY_PEM,
    {
      algorithm: 'RS256',
      keyid: TEST_ONLY_KID,
      issuer: opts.issuer,
      audience: opts.audience,
      subject: claims.sub,
    },
  );
}
