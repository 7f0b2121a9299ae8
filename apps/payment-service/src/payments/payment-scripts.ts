// The payments component's Lua scripts. Redis runs a script atomically: a check and the writes that
// depend on it (the order claim and the record, a status change and its outbox event) are one step, so
// no concurrent request or callback slips in between and a crash leaves all of it or none. Each script
// checks first and writes only then (Redis does not roll a script back).

const RUN_OUTBOX = `
local function run_outbox(json)
  for _, command in ipairs(cjson.decode(json)) do redis.call(unpack(command)) end
end
`;

/**
 * KEYS: payment, order claim, user's payments zset, processing zset, Idempotency-Key (or the payment key).
 * ARGV: hash fields (JSON array), created ms, poll-at ms ('' = not polled), payment id, idempotency
 * value ('' = none), idempotency ttl seconds.
 * Returns `{'ok'}`, `{'idem', stored value}` or `{'taken', the claiming payment id}`.
 */
export const CREATE_FOR_ORDER = `
if ARGV[5] ~= '' then
  local seen = redis.call('GET', KEYS[5])
  if seen then return {'idem', seen} end
end
if not redis.call('SET', KEYS[2], ARGV[4], 'NX') then return {'taken', redis.call('GET', KEYS[2])} end
redis.call('HSET', KEYS[1], unpack(cjson.decode(ARGV[1])))
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[4])
if ARGV[3] ~= '' then redis.call('ZADD', KEYS[4], ARGV[3], ARGV[4]) end
if ARGV[5] ~= '' then redis.call('SET', KEYS[5], ARGV[5], 'EX', ARGV[6]) end
return {'ok'}
`;

/**
 * A payment that went nowhere (the gateway refused or could not take it): failed with no event, the
 * order free to be paid again, the Idempotency-Key forgotten (the same request may be sent again).
 * KEYS: payment, order claim (or the payment key), processing zset, Idempotency-Key (or the payment key).
 * ARGV: payment id, fields (JSON array). Returns 1, or 0 when the payment is not processing.
 */
export const FAIL_QUIETLY = `
if redis.call('HGET', KEYS[1], 'status') ~= 'processing' then return 0 end
redis.call('HSET', KEYS[1], unpack(cjson.decode(ARGV[2])))
redis.call('ZREM', KEYS[3], ARGV[1])
if KEYS[2] ~= KEYS[1] and redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
if KEYS[4] ~= KEYS[1] then redis.call('DEL', KEYS[4]) end
return 1
`;

/**
 * The gateway's outcome of a charge: status and fields, and its event, only while `processing` (a second
 * callback or the reconciler after the callback change nothing). A completed payment whose order closed
 * meanwhile is queued for a full refund in the same step.
 * KEYS: payment, processing zset, order-closed key (or the payment key), refund-due zset.
 * ARGV: payment id, fields (JSON array), outbox commands (JSON), now ms.
 * Returns -1 (not processing), 1 (applied) or 2 (applied; the order is closed: refund due).
 */
export const SETTLE = `${RUN_OUTBOX}
if redis.call('HGET', KEYS[1], 'status') ~= 'processing' then return -1 end
local fields = cjson.decode(ARGV[2])
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZREM', KEYS[2], ARGV[1])
run_outbox(ARGV[3])
if redis.call('HGET', KEYS[1], 'status') == 'completed' and KEYS[3] ~= KEYS[1]
  and redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1])
  return 2
end
return 1
`;

/**
 * Reserves a refund: the sum of what is refunded and pending never passes the amount, however many
 * refunds run at once. Once per refund id (a repeat answers the stored refund; a failed one, which gave
 * its reservation back, is reserved again: a redelivered OrderCancelled after a gateway outage).
 * KEYS: payment, refund, payment's refunds list, refunds processing zset.
 * ARGV: refund id, amount in cents ('' = all that is left), refund fields without amount (JSON array),
 * when to ask the gateway about it (ms).
 * Returns `{'ok', cents}`, `{'exists', status}`, `{'not_completed', status}` or `{'exceeds', cents left}`.
 */
export const RESERVE_REFUND = `
local existing = redis.call('HGET', KEYS[2], 'status')
if existing and existing ~= 'failed' then return {'exists', existing} end
local p = redis.call('HMGET', KEYS[1], 'status', 'amount', 'refunded', 'refund_pending')
if p[1] ~= 'completed' then return {'not_completed', p[1] or ''} end
local left = tonumber(p[2]) - tonumber(p[3] or '0') - tonumber(p[4] or '0')
local amount = left
if ARGV[2] ~= '' then amount = tonumber(ARGV[2]) end
if left <= 0 or amount > left then return {'exceeds', tostring(left)} end
redis.call('HINCRBY', KEYS[1], 'refund_pending', amount)
redis.call('HSET', KEYS[2], 'amount', amount, unpack(cjson.decode(ARGV[3])))
if not redis.call('LPOS', KEYS[3], ARGV[1]) then redis.call('RPUSH', KEYS[3], ARGV[1]) end
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1])
return {'ok', tostring(amount)}
`;

/**
 * The gateway confirmed a refund: refund completed, the payment's `refunded` up (status `refunded` when
 * all is back) and PaymentRefunded in the outbox, once.
 * KEYS: refund, payment, refunds processing zset. ARGV: fields of the refund (JSON array), the
 * payment's `refunded` the event was built against, outbox commands (JSON).
 * Returns 1, -1 (not processing: done already) or -2 (the payment moved on since it was read).
 */
export const COMPLETE_REFUND = `${RUN_OUTBOX}
if redis.call('HGET', KEYS[1], 'status') ~= 'processing' then return -1 end
local p = redis.call('HMGET', KEYS[2], 'amount', 'refunded')
if tonumber(p[2] or '0') ~= tonumber(ARGV[2]) then return -2 end
local amount = tonumber(redis.call('HGET', KEYS[1], 'amount'))
redis.call('HSET', KEYS[1], unpack(cjson.decode(ARGV[1])))
local refunded = redis.call('HINCRBY', KEYS[2], 'refunded', amount)
redis.call('HINCRBY', KEYS[2], 'refund_pending', -amount)
if refunded >= tonumber(p[1]) then redis.call('HSET', KEYS[2], 'status', 'refunded') end
redis.call('ZREM', KEYS[3], redis.call('HGET', KEYS[1], 'id'))
run_outbox(ARGV[3])
return 1
`;

/**
 * The gateway refused a refund: it is failed and its reservation given back.
 * KEYS: refund, payment, refunds processing zset.
 */
export const FAIL_REFUND = `
if redis.call('HGET', KEYS[1], 'status') ~= 'processing' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'failed')
redis.call('ZREM', KEYS[3], redis.call('HGET', KEYS[1], 'id'))
redis.call('HINCRBY', KEYS[2], 'refund_pending', -tonumber(redis.call('HGET', KEYS[1], 'amount')))
return 1
`;
