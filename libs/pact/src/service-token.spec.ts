import type { Request, Response } from 'express';
import { serviceTokenClaims, serviceTokenFilter, serviceTokenHeader } from './service-token';

describe('service tokens in pacts', () => {
  const example = (serviceTokenHeader('order-service', 'user-service') as unknown as { value: string }).value;

  it('keeps who calls whom in the example and no signature', () => {
    expect(serviceTokenClaims(example)).toEqual({ caller: 'order-service', audience: 'user-service' });
    expect(example.endsWith('.pact')).toBe(true);
  });

  it('replaces the example with a token minted for the same caller and audience', () => {
    const req = { headers: { authorization: example } } as unknown as Request;
    const next = jest.fn();
    serviceTokenFilter((caller, audience) => `minted-${caller}-${audience}`)(req, {} as Response, next);
    expect(req.headers.authorization).toBe('Bearer minted-order-service-user-service');
    expect(next).toHaveBeenCalled();
  });

  it('leaves any other Authorization alone', () => {
    const req = { headers: { authorization: 'Bearer a.b.c' } } as unknown as Request;
    serviceTokenFilter(() => 'minted')(req, {} as Response, () => undefined);
    expect(req.headers.authorization).toBe('Bearer a.b.c');
    expect(serviceTokenClaims(undefined)).toBeUndefined();
  });
});
