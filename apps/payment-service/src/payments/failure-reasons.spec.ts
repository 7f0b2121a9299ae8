import { failureOf } from './failure-reasons';
import { refundIdFrom } from './refund-ids';

describe('failureOf', () => {
  it('upper-cases the gateway code and gives a sentence the buyer can act on', () => {
    expect(failureOf('insufficient_funds')).toEqual({
      errorCode: 'INSUFFICIENT_FUNDS',
      reason: expect.stringMatching(/insufficient funds/i),
    });
    expect(failureOf('expired_card').errorCode).toBe('EXPIRED_CARD');
    expect(failureOf('do_not_honor')).toEqual({ errorCode: 'DO_NOT_HONOR', reason: expect.any(String) });
  });

  it('reports declines that hint at fraud as a plain CARD_DECLINED, never naming them', () => {
    for (const code of ['stolen_card', 'lost_card', 'fraudulent']) {
      const failure = failureOf(code);
      expect(failure.errorCode).toBe('CARD_DECLINED');
      expect(failure.reason).not.toMatch(/stolen|lost|fraud/i);
    }
  });
});

describe('refundIdFrom', () => {
  it('names the same refund for the same cause, another for another, in the re_<uuid> format', () => {
    expect(refundIdFrom('evt-1')).toBe(refundIdFrom('evt-1'));
    expect(refundIdFrom('evt-1')).not.toBe(refundIdFrom('evt-2'));
    expect(refundIdFrom('evt-1')).toMatch(
      /^re_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });
});
