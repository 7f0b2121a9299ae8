import { cardMethod, declineText } from './payment';

const now = new Date('2026-11-24T00:00:00Z');

describe('cardMethod', () => {
  it('reads the number without spaces and the expiry as MM/YY or MM/YYYY', () => {
    expect(cardMethod('4242 4242 4242 4242', '12/30', '123', now)).toEqual({
      method: {
        type: 'credit_card',
        cardNumber: '4242424242424242',
        expiryMonth: '12',
        expiryYear: '2030',
        cvv: '123',
      },
    });
    expect(cardMethod('4000-0000-0000-9995', '3/2031', '1234', now)).toMatchObject({
      method: { expiryMonth: '03', expiryYear: '2031', cvv: '1234' },
    });
  });

  it('says what is wrong with each field', () => {
    expect(cardMethod('4242', '12/30', '123', now)).toEqual({
      problem: 'Enter the card number (12 to 19 digits).',
    });
    expect(cardMethod('4242424242424242', '13/30', '123', now)).toEqual({
      problem: 'Enter the expiry as MM/YY, e.g. 12/30.',
    });
    expect(cardMethod('4242424242424242', '10/26', '123', now)).toEqual({
      problem: 'This card has expired.',
    });
    expect(cardMethod('4242424242424242', '11/26', '12', now)).toEqual({
      problem: 'Enter the 3 or 4 digit security code (CVC).',
    });
  });
});

describe('declineText', () => {
  it('names the reason of a declined card', () => {
    expect(
      declineText({
        errorCode: 'INSUFFICIENT_FUNDS',
        failureReason:
          'Your card was declined for insufficient funds. Use another card or pay from your wallet.',
        paymentMethod: { type: 'credit_card', last4: '9995' },
      }),
    ).toBe('Your card was declined: insufficient funds. Use another card or pay from your wallet.');
  });

  it('says something plain without a code, and for a wallet', () => {
    expect(declineText({ paymentMethod: { type: 'credit_card' } })).toBe(
      'Your card was declined: the payment was not accepted.',
    );
    expect(declineText({ errorCode: 'DO_NOT_HONOR', paymentMethod: { type: 'wallet' } })).toBe(
      'Your payment failed: do not honor.',
    );
  });
});
