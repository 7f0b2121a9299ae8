import { ApiError, humanMessage } from './errors';

const envelope = (code: string, message: string, details?: Record<string, unknown>) => ({
  error: { code, message, details, request_id: 'r1', timestamp: '2026-01-01T00:00:00.000Z' },
});

describe('humanMessage', () => {
  it("names each wrong field of a validation error, in the service's words", () => {
    const err = ApiError.fromEnvelope(
      400,
      envelope('VALIDATION_ERROR', 'Invalid request body: email: Invalid email', {
        fields: [
          { field: 'email', reason: 'Invalid email address' },
          { field: 'password', reason: 'Too small' },
        ],
      }),
    );
    expect(humanMessage(err)).toBe('Please check: email: Invalid email address; password: Too small.');
  });

  it("keeps a service's own message for a business error", () => {
    expect(humanMessage(ApiError.fromEnvelope(409, envelope('OUT_OF_STOCK', 'Only 2 left')))).toBe(
      'Only 2 left',
    );
  });

  it('says something plain for a server failure and for a page that is not JSON', () => {
    expect(humanMessage(ApiError.fromEnvelope(500, envelope('INTERNAL_ERROR', 'TypeError at x.ts')))).toMatch(
      /went wrong on our side/,
    );
    expect(humanMessage(ApiError.fromEnvelope(502, '<html>Bad gateway</html>'))).toMatch(/went wrong/);
    expect(humanMessage(new ApiError(0, 'NETWORK_ERROR', ''))).toMatch(/cannot be reached/);
  });
});
