import { type TemplateModels } from './models';
import { describePayment, formatMoney } from './money';
import { TEMPLATE_NAMES, Templates } from './templates';

const order = { name: 'Ada', order_id: '3f1c2a9e-1111-4a8e-9d43-1f2b7c9e0a11', short_id: '3f1c2a9e' };
const visa = { type: 'credit_card' as const, brand: 'visa', last4: '4242' };

/** A model of every template, as the handlers build them. */
const samples: TemplateModels = {
  welcome: { name: 'Ada', username: 'ada_l' },
  'verify-email': { username: 'ada_l', link: 'http://shop/verify?token=tok-1&u=2', token: 'tok-1' },
  'order-confirmed': {
    ...order,
    lines: [
      { name: 'Elden Ring', quantity: 2, unit_price: 1999, line_total: 3998 },
      { name: 'prod-7', quantity: 1, unit_price: 500, line_total: 500 },
    ],
    subtotal: 4498,
    discount: 450,
    promo_code: 'SPRING10',
    total: 4048,
    currency: 'EUR',
    payment: visa,
  },
  'payment-failed': {
    ...order,
    amount: 4048,
    currency: 'USD',
    reason: 'Your card has insufficient funds.',
    payment: visa,
  },
  'order-cancelled': { ...order, total: 1250, currency: 'USD' },
  'order-cancelled-refunded': { ...order, amount: 4048, currency: 'USD', payment: visa, card: true },
  'refund-issued': {
    ...order,
    amount: 500,
    refunded_total: 1500,
    earlier: true,
    order_closed: false,
    currency: 'USD',
    payment: { type: 'wallet' },
    card: false,
  },
  'order-fulfilled': { ...order, keys: ['AAAA-BBBB-CCCC', 'DDDD-EEEE-FFFF'] },
  'order-expired': order,
};

describe('mail templates', () => {
  const templates = Templates.load();
  const render = <T extends keyof TemplateModels>(name: T, over: Partial<TemplateModels[T]> = {}) =>
    templates.render(name, { ...samples[name], ...over });

  it.each(TEMPLATE_NAMES)('%s renders a subject, a text part and an HTML document', (name) => {
    const mail = templates.render(name, samples[name] as never);
    expect(mail.subject).not.toMatch(/\n|^\s|\s$/);
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.text).not.toMatch(/<[a-z]/);
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.html).toContain('</html>');
  });

  it('the receipt shows each line, the subtotal, the discount with its code, the total and the card', () => {
    const mail = render('order-confirmed');
    expect(mail.subject).toBe('Your receipt for order 3f1c2a9e');
    for (const part of [mail.text, mail.html]) {
      for (const amount of ['€19.99', '€39.98', '€5.00', '€44.98', '-€4.50', '€40.48'])
        expect(part).toContain(amount);
      expect(part).toContain('Elden Ring');
      expect(part).toContain('SPRING10');
      expect(part).toContain('Visa ending in 4242');
    }
    expect(mail.text).toContain('2 x Elden Ring at €19.99 = €39.98');
    expect(mail.text).toContain('Total: €40.48');
  });

  it('the receipt leaves out a discount of zero and names the wallet', () => {
    const mail = render('order-confirmed', {
      discount: 0,
      promo_code: undefined,
      payment: { type: 'wallet' },
    });
    expect(mail.text).not.toContain('Discount');
    expect(mail.html).not.toContain('Discount');
    expect(mail.text).toContain('Paid with your wallet.');
  });

  it('escapes what users provide in HTML, and keeps the text part plain', () => {
    const mail = render('order-confirmed', {
      name: '<script>alert(1)</script>',
      lines: [{ name: 'Tom & Jerry <b>', quantity: 1, unit_price: 100, line_total: 100 }],
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('Tom &amp; Jerry &lt;b&gt;');
    expect(mail.text).toContain('Tom & Jerry <b>');
    const welcome = render('welcome', { name: 'A&B "x"' });
    expect(welcome.subject).toBe('Welcome to the shop, A&B "x"!');
    expect(welcome.html).toContain('A&amp;B &quot;x&quot;');
  });

  it('the verification mail carries the link and the code', () => {
    const mail = render('verify-email');
    expect(mail.text).toContain('http://shop/verify?token=tok-1&u=2');
    expect(mail.html).toContain('href="http://shop/verify?token&#x3D;tok-1&amp;u&#x3D;2"');
    expect(mail.text).toContain('tok-1');
  });

  it('payment failed gives the reason and the amount', () => {
    const mail = render('payment-failed');
    expect(mail.subject).toBe('Your payment for order 3f1c2a9e did not go through');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Your card has insufficient funds.');
      expect(part).toContain('$40.48');
      expect(part).toContain('Visa ending in 4242');
    }
  });

  it('cancelled and refunded, refund issued and cancelled unpaid say what happened to the money', () => {
    const refunded = render('order-cancelled-refunded');
    expect(refunded.text).toContain('We have refunded $40.48 to Visa ending in 4242.');
    const partial = render('refund-issued');
    expect(partial.subject).toBe('A refund of $5.00 for order 3f1c2a9e');
    expect(partial.text).toContain('we have refunded $5.00 for your order');
    expect(partial.text).toContain('to your wallet');
    expect(partial.text).toContain('so far: $15.00');
    expect(render('refund-issued', { earlier: false }).text).not.toContain('so far');
    expect(partial.text).not.toContain('closed');
    expect(render('refund-issued', { order_closed: true }).text).toContain(
      'Your order had closed before your payment went through',
    );
    const unpaid = render('order-cancelled');
    expect(unpaid.text).toContain('$12.50 was cancelled');
    expect(unpaid.text).toContain('nothing was charged');
  });

  it('the delivery mail lists every key, escaped in HTML', () => {
    const mail = render('order-fulfilled', { keys: ['AAAA-BBBB', 'K<1>&2'] });
    expect(mail.text).toContain('  AAAA-BBBB\n  K<1>&2\n');
    expect(mail.html).toContain('<li>AAAA-BBBB</li><li>K&lt;1&gt;&amp;2</li>');
    const none = render('order-fulfilled', { keys: [] });
    expect(none.text).toContain('You will find it in your account.');
  });

  it('the expiry mail names the order', () => {
    const mail = render('order-expired');
    expect(mail.subject).toBe('Your order 3f1c2a9e expired');
    expect(mail.text).toContain(order.order_id);
  });
});

describe('money and payment method as the mails show them', () => {
  it('formats cents in the currency, with its own decimals', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
    expect(formatMoney(50000, 'JPY')).toBe('¥500');
  });

  it('names the card by brand and last four, or the wallet', () => {
    expect(describePayment({ type: 'credit_card', brand: 'mastercard', last4: '4444' })).toBe(
      'Mastercard ending in 4444',
    );
    expect(describePayment({ type: 'credit_card' })).toBe('your card');
    expect(describePayment({ type: 'wallet' })).toBe('your wallet');
  });
});
