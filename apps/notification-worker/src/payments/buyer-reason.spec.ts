import { buyerReason } from './buyer-reason';

describe('buyerReason', () => {
  it('passes on the reason a buyer can act on', () => {
    const reason = 'Your card has insufficient funds. Try another card or top up your wallet.';
    expect(buyerReason({ reason, error_code: 'INSUFFICIENT_FUNDS' })).toBe(reason);
  });

  it('never tells the buyer a card is reported stolen or lost', () => {
    for (const [reason, error_code] of [
      ['Card reported stolen', 'STOLEN_CARD'],
      ['The card was declined', 'LOST_CARD'],
      ['Declined as stolen', 'CARD_DECLINED'],
      ['', 'CARD_DECLINED'],
    ]) {
      const said = buyerReason({ reason, error_code });
      expect(said).not.toMatch(/stolen|lost|fraud/i);
      expect(said).toContain('declined');
    }
  });
});
