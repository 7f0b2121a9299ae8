import { Mailbox, messageIdOf, type CaughtMail } from '@platform/devstack/testing';
import { send } from './http';
import { type InvariantResult } from './invariant-result';
import { type BuyerState } from './snapshot';
import { type FaultStack } from './stack';
import { type Ledger } from './workload';

const short = (orderId: string) => orderId.split('-')[0];

/**
 * What notification-worker's consumer groups did, exactly once in effect, read from the mails caught:
 * one receipt per confirmed order and none for an order never confirmed, one refund mail per refund asked
 * (2xx), one welcome mail per sign-up (2xx), whose account also signs in.
 *
 * A mail is counted by its Message-ID. notification-worker derives it from the event, so the one resend
 * at-least-once delivery allows (kill -9 after the SMTP server accepted a mail, before the worker marked
 * it sent) is the same message, which mail stores and clients keep once (RFC 5322 §3.6.4). No SMTP sender
 * can avoid that resend; two DIFFERENT messages about one thing are the violation. Resends are counted
 * in the table.
 */
export async function mailsExactlyOnce(
  stack: FaultStack,
  states: BuyerState[],
  ledger: Ledger,
): Promise<InvariantResult[]> {
  const all = await new Mailbox().all();
  const byAddress = new Map<string, CaughtMail[]>();
  for (const m of all)
    for (const to of m.to) {
      const key = to.address.toLowerCase();
      byAddress.set(key, [...(byAddress.get(key) ?? []), m]);
    }
  let resent = 0;
  const mailsTo = (email: string, subject: (s: string) => boolean) => {
    const copies = (byAddress.get(email.toLowerCase()) ?? []).filter((m) => subject(m.subject));
    const messages = new Set(copies.map((m) => messageIdOf(m) ?? m.id)).size;
    resent += copies.length - messages;
    return messages;
  };

  const receipts: InvariantResult = {
    name: 'one receipt mail per confirmed order',
    checked: 0,
    violations: [],
  };
  for (const s of states)
    for (const o of s.orders) {
      const want = o.status === 'confirmed' || o.status === 'fulfilled' ? 1 : 0;
      const got = mailsTo(s.buyer.email, (x) => x === `Your receipt for order ${short(o.id)}`);
      receipts.checked++;
      if (got !== want) receipts.violations.push(`order ${o.id} ${o.status}: ${got} receipts`);
    }

  const refunds: InvariantResult = { name: 'one refund mail per refund', checked: 0, violations: [] };
  for (const f of ledger.refunds) {
    const got = mailsTo(
      f.buyer.email,
      (x) => x.startsWith('A refund of') && x.endsWith(`order ${short(f.orderId)}`),
    );
    refunds.checked++;
    if (got !== 1) refunds.violations.push(`refund of order ${f.orderId}: ${got} mails`);
  }

  const signups: InvariantResult = { name: 'sign-up kept, one welcome mail', checked: 0, violations: [] };
  for (const u of ledger.signups) {
    const login = await send(`${stack.url('user-service')}/api/v1/auth/login`, {
      body: { email: u.email, password: u.password },
    });
    const got = mailsTo(u.email, (x) => x.startsWith('Welcome to the shop'));
    signups.checked++;
    if (login.status !== 200 || got !== 1)
      signups.violations.push(`sign-up ${u.email}: login ${login.status}, ${got} welcome mails`);
  }
  const resends = `(${resent} resent with the same Message-ID)`;
  for (const r of [receipts, refunds, signups]) r.name = `${r.name} ${resends}`;
  return [receipts, refunds, signups];
}
