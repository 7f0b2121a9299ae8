/**
 * Opaque cursors. Clients must not build them, so they are base64url text; inside, the query cursor is a
 * keyset position (received_at in microseconds since the epoch, then seq) and the consumer cursor names
 * its consumer and the stored-event position (seq) it stands on. Decoders return undefined for anything
 * they did not make.
 */
const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const decode = (cursor: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  return Buffer.from(cursor, 'base64url').toString('utf8');
};
const DIGITS = /^(0|[1-9]\d{0,18})$/;

export interface QueryPosition {
  receivedMicros: string;
  seq: string;
}

export const encodeQueryCursor = (p: QueryPosition): string => encode(`q1:${p.receivedMicros}:${p.seq}`);

export function decodeQueryCursor(cursor: string): QueryPosition | undefined {
  const parts = decode(cursor)?.split(':');
  if (parts?.length !== 3 || parts[0] !== 'q1') return undefined;
  const [, receivedMicros, seq] = parts as [string, string, string];
  // received_at may be before 1970 in principle: allow a sign there
  if (!/^-?\d{1,19}$/.test(receivedMicros) || !DIGITS.test(seq)) return undefined;
  return { receivedMicros, seq };
}

export interface ConsumerPosition {
  consumerId: string;
  seq: string;
}

export const encodeConsumerCursor = (p: ConsumerPosition): string => encode(`c1:${p.consumerId}:${p.seq}`);

export function decodeConsumerCursor(cursor: string): ConsumerPosition | undefined {
  const parts = decode(cursor)?.split(':');
  if (parts?.length !== 3 || parts[0] !== 'c1') return undefined;
  const [, consumerId, seq] = parts as [string, string, string];
  if (!/^[0-9a-f-]{36}$/.test(consumerId) || !DIGITS.test(seq)) return undefined;
  return { consumerId, seq };
}
