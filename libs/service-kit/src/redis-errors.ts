// ioredis' errors while Redis is away or restarting (createRedis has no offline queue, one retry):
// refused at once while it reconnects, a command in flight when the connection closed, a command that
// used its retry, and "connect ETIMEDOUT" (connectTimeout)
const UNAVAILABLE_TEXT =
  /^(Stream isn't writeable and enableOfflineQueue|Connection is closed|Command aborted due to connection close|Reached the max retries per request limit|connect ETIMEDOUT)/;
// Redis' own replies that mean "not now": still loading its AOF after a restart, a replica without its
// primary, a cluster moving slots
const UNAVAILABLE_REPLIES = /^(LOADING|MASTERDOWN|TRYAGAIN|CLUSTERDOWN) /;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/** Whether an ioredis error says Redis cannot be reached now (not that the command is wrong). */
export function isRedisUnavailable(err: unknown): boolean {
  const e = err as { name?: unknown; code?: unknown; message?: unknown } | undefined;
  if (e?.name === 'MaxRetriesPerRequestError') return true;
  if (typeof e?.code === 'string' && SOCKET_CODES.has(e.code)) return true;
  if (typeof e?.message !== 'string') return false;
  return UNAVAILABLE_TEXT.test(e.message) || (e.name === 'ReplyError' && UNAVAILABLE_REPLIES.test(e.message));
}
