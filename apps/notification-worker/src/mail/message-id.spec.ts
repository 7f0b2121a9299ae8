import { mailDomain, messageIdFor } from './message-id';

describe('Message-ID from the event', () => {
  it('is the event id at the domain of the sender, the same every time', () => {
    const id = '0b7e5c1a-3f0e-4a8e-9d43-1f2b7c9e0a11';
    expect(messageIdFor(id, mailDomain('Shop <no-reply@shop.local>'))).toBe(`<${id}@shop.local>`);
    expect(messageIdFor(id, 'shop.local')).toBe(messageIdFor(id, 'shop.local'));
  });

  it('keeps to the characters of a dot-atom, and finds the domain of a bare address', () => {
    expect(messageIdFor('a b<c>@d', 'x.org')).toBe('<a-b-c--d@x.org>');
    expect(mailDomain('no-reply@mail.example.com')).toBe('mail.example.com');
    expect(mailDomain('nobody')).toBe('localhost');
  });
});
