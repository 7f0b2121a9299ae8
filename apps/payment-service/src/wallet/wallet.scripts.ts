// The wallet's Lua scripts. Redis runs a script atomically, so the balance check and every write that
// goes with it (ledger, payment, refund, outbox) are one step: no client sees half of it, none slips a
// second debit between the check and the decrement. Each script checks everything first and writes
// only then, because Redis does not roll a script back. Ledger entries come in as JSON without
// `balance_after`, which only the script knows.

/** Runs the outbox XADDs given as JSON (outboxCommands), after the state change. */
const APPEND_OUTBOX = `
local function append_outbox(json)
  for _, command in ipairs(cjson.decode(json)) do redis.call(unpack(command)) end
end
local function push_entry(ledger, json, balance_after)
  local entry = cjson.decode(json)
  entry.balance_after = balance_after
  redis.call('LPUSH', ledger, cjson.encode(entry))
end
`;

/**
 * KEYS: wallet, ledger, payment, user's payments zset.
 * ARGV: amount (cents), payment hash fields (JSON array), ledger entry (JSON), zset score, payment id,
 * outbox commands (JSON).
 * Returns `{1, balance after}`, `{0, balance}` when short (nothing written), `{-1, balance}` when the
 * payment is settled already.
 */
export const PAY_ORDER = `${APPEND_OUTBOX}
local balance = tonumber(redis.call('HGET', KEYS[1], 'balance') or '0')
local amount = tonumber(ARGV[1])
local status = redis.call('HGET', KEYS[3], 'status')
if status and status ~= 'processing' then return {-1, balance} end
if balance < amount then return {0, balance} end
local after = redis.call('HINCRBY', KEYS[1], 'balance', -amount)
push_entry(KEYS[2], ARGV[3], after)
redis.call('HSET', KEYS[3], unpack(cjson.decode(ARGV[2])))
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[5])
append_outbox(ARGV[6])
return {1, after}
`;

/**
 * KEYS: payment, wallet, ledger, the processing zset (the reconciler's).
 * ARGV: transaction id, completed_at, ledger entry (JSON; its amount is replaced by the payment's).
 * Returns the balance after, or -1 when the payment is not a top-up being processed (a replay).
 */
export const COMPLETE_TOP_UP = `${APPEND_OUTBOX}
local p = redis.call('HMGET', KEYS[1], 'status', 'purpose', 'amount', 'id')
if p[1] ~= 'processing' or p[2] ~= 'wallet_top_up' then return -1 end
local amount = tonumber(p[3])
redis.call('HSET', KEYS[1], 'status', 'completed', 'transaction_id', ARGV[1], 'completed_at', ARGV[2])
redis.call('ZREM', KEYS[4], p[4])
local after = redis.call('HINCRBY', KEYS[2], 'balance', amount)
local entry = cjson.decode(ARGV[3])
entry.amount = amount
push_entry(KEYS[3], cjson.encode(entry), after)
return after
`;

/**
 * KEYS: refund, payment, wallet, ledger, payment's refunds list.
 * ARGV: refund hash fields (JSON array), the payment's `refunded` the event was built against, refund
 * amount, ledger entry (JSON), refund id, outbox commands (JSON).
 * A refund the payments component reserved first (`processing`, its amount in the payment's
 * `refund_pending`) gives its reservation back here; other refunds' reservations are not handed out.
 * Returns the balance after, or a negative code: -1 refund applied already, -2 the payment moved on
 * since it was read (read again), -3 more than is left, -4 the payment is not completed.
 */
export const REFUND_TO_WALLET = `${APPEND_OUTBOX}
local r = redis.call('HMGET', KEYS[1], 'status', 'amount')
if r[1] == 'completed' then return -1 end
local reserved = 0
if r[1] == 'processing' then reserved = tonumber(r[2] or '0') end
local p = redis.call('HMGET', KEYS[2], 'status', 'amount', 'refunded', 'refund_pending')
local refunded = tonumber(p[3] or '0')
if refunded ~= tonumber(ARGV[2]) then return -2 end
if p[1] ~= 'completed' then return -4 end
local amount = tonumber(ARGV[3])
local others = tonumber(p[4] or '0') - reserved
if refunded + others + amount > tonumber(p[2]) then return -3 end
if reserved > 0 then redis.call('HINCRBY', KEYS[2], 'refund_pending', -reserved) end
refunded = redis.call('HINCRBY', KEYS[2], 'refunded', amount)
if refunded == tonumber(p[2]) then redis.call('HSET', KEYS[2], 'status', 'refunded') end
local after = redis.call('HINCRBY', KEYS[3], 'balance', amount)
push_entry(KEYS[4], ARGV[4], after)
redis.call('HSET', KEYS[1], unpack(cjson.decode(ARGV[1])))
if not redis.call('LPOS', KEYS[5], ARGV[5]) then redis.call('RPUSH', KEYS[5], ARGV[5]) end
append_outbox(ARGV[6])
return after
`;
