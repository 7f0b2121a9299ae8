import { sampleUserCreated } from './testing';
import {
  CreateUserRequestSchema,
  ErrorEnvelopeSchema,
  EventEnvelopeSchema,
  dlqTopic,
  eventSchema,
  isKnownEventType,
  TOPICS,
} from './index';

describe('event envelope', () => {
  it('accepts a well-formed UserCreated and its data schema', () => {
    const event = sampleUserCreated();
    expect(EventEnvelopeSchema.parse(event)).toEqual(event);
    expect(eventSchema('UserCreated').parse(event).data.email).toBe(event.data.email);
  });

  it('rejects an envelope without event_id or with a snake_case type', () => {
    const { event_id: _omit, ...noId } = sampleUserCreated();
    expect(EventEnvelopeSchema.safeParse(noId).success).toBe(false);
    expect(
      EventEnvelopeSchema.safeParse({ ...sampleUserCreated(), event_type: 'user_created' }).success,
    ).toBe(false);
  });

  it('rejects UserCreated data without a valid e-mail', () => {
    const event = sampleUserCreated({ email: 'not-an-email' });
    expect(EventEnvelopeSchema.safeParse(event).success).toBe(true);
    expect(eventSchema('UserCreated').safeParse(event).success).toBe(false);
  });

  it('knows its event types and names dead-letter topics', () => {
    expect(isKnownEventType('UserCreated')).toBe(true);
    expect(isKnownEventType('toString')).toBe(false);
    expect(dlqTopic(TOPICS.userEvents)).toBe('user.events.dlq');
  });
});

describe('CreateUserRequest (seed 001)', () => {
  const valid = { email: 'ada@example.com', username: 'ada', password: 'password123' };

  it('accepts the seed body with optional names and E.164 phone', () => {
    const body = { ...valid, first_name: 'Ada', last_name: 'Lovelace', phone: '+1234567890' };
    expect(CreateUserRequestSchema.parse(body)).toEqual(body);
  });

  it.each([
    ['email', { ...valid, email: 'nope' }],
    ['username', { ...valid, username: 'a b' }],
    ['password', { ...valid, password: 'short' }],
    ['password', { ...valid, password: 'é'.repeat(40) }], // 80 bytes: bcrypt would truncate it
    ['phone', { ...valid, phone: '12345' }],
  ])('names %s when it is invalid', (field, body) => {
    const result = CreateUserRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual([field]);
  });
});

describe('error envelope (seed 002 §8)', () => {
  it('requires code, message, request_id and timestamp', () => {
    const ok = {
      error: { code: 'NOT_FOUND', message: 'x', request_id: 'r1', timestamp: new Date().toISOString() },
    };
    expect(ErrorEnvelopeSchema.safeParse(ok).success).toBe(true);
    expect(ErrorEnvelopeSchema.safeParse({ error_code: 'NOT_FOUND', message: 'x' }).success).toBe(false);
  });
});
