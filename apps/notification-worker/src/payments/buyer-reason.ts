import { type DomainEvent } from '@platform/contracts';

// Declines a bank flags as lost, stolen or fraud: the buyer is told the card was declined, nothing more
// (saying "stolen" to whoever holds the card helps no one and may alarm a rightful holder wrongly).
const SENSITIVE_CODES = /STOLEN|LOST|FRAUD|PICK_?UP|SECURITY|RESTRICTED/i;
const SENSITIVE_WORDS = /stolen|lost|fraud|suspect|pick ?up/i;

const GENERIC = 'Your bank declined the payment. Please try another card or contact your bank.';

/** The sentence of `PaymentFailed` a buyer can act on, unless it reveals a fraud suspicion. */
export function buyerReason(
  data: Pick<DomainEvent<'PaymentFailed'>['data'], 'reason' | 'error_code'>,
): string {
  const reason = data.reason.trim();
  if (!reason || SENSITIVE_CODES.test(data.error_code) || SENSITIVE_WORDS.test(reason)) return GENERIC;
  return reason;
}
