import {
  decodeConsumerCursor,
  decodeQueryCursor,
  encodeConsumerCursor,
  encodeQueryCursor,
} from './event-cursors';

describe('event cursors', () => {
  const consumerId = '3f1c2a7e-4b5d-4e6f-8a9b-0c1d2e3f4a5b';

  it('round-trips both kinds', () => {
    const q = { receivedMicros: '1795000000123000', seq: '42' };
    expect(decodeQueryCursor(encodeQueryCursor(q))).toEqual(q);
    const c = { consumerId, seq: '0' };
    expect(decodeConsumerCursor(encodeConsumerCursor(c))).toEqual(c);
  });

  it('refuses cursors of the other kind, tampered or foreign text', () => {
    const q = encodeQueryCursor({ receivedMicros: '1', seq: '2' });
    const c = encodeConsumerCursor({ consumerId, seq: '7' });
    expect(decodeConsumerCursor(q)).toBeUndefined();
    expect(decodeQueryCursor(c)).toBeUndefined();
    expect(decodeQueryCursor('not a cursor!')).toBeUndefined();
    expect(decodeConsumerCursor(Buffer.from(`c1:${consumerId}:-1`).toString('base64url'))).toBeUndefined();
    expect(decodeConsumerCursor(Buffer.from(`c1:${consumerId}:01`).toString('base64url'))).toBeUndefined();
    expect(decodeQueryCursor(Buffer.from('q1:1:99999999999999999999').toString('base64url'))).toBeUndefined();
  });
});
