import { sampleUserCreated } from '@platform/contracts/testing';
import { decodeEvent } from './decode-event';

const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
const onlyUserCreated = (type: string) => type === 'UserCreated';

describe('decodeEvent', () => {
  it('gives the validated event of a wanted type', () => {
    const event = sampleUserCreated();
    expect(decodeEvent(bytes(event), onlyUserCreated)).toEqual({ kind: 'event', type: 'UserCreated', event });
  });

  it('names the first fault of poison: JSON, envelope, version, data', () => {
    const reason = (v: unknown) => (decodeEvent(bytes(v), onlyUserCreated) as { reason?: string }).reason;
    expect(reason('{"not": json')).toBe('malformed_json');
    expect(decodeEvent(null, onlyUserCreated)).toMatchObject({ kind: 'poison', reason: 'malformed_json' });
    expect(reason({ type: 'UserCreated', data: {} })).toBe('invalid_envelope');
    expect(reason({ ...sampleUserCreated({ email: 'nope' }), version: 2 })).toBe('unknown_version');
    expect(reason(sampleUserCreated({ email: 'nope' }))).toBe('invalid_data');
  });

  it('ignores types it does not handle, whatever their version or data', () => {
    const other = { ...sampleUserCreated({ email: 'nope' }), event_type: 'UserLoggedIn', version: 9 };
    expect(decodeEvent(bytes(other), onlyUserCreated)).toEqual({ kind: 'ignored' });
    const unknown = { ...sampleUserCreated(), event_type: 'SomethingNew' };
    expect(decodeEvent(bytes(unknown), () => true)).toEqual({ kind: 'ignored' });
  });
});
