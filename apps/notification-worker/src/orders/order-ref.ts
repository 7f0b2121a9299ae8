import { type Recipient } from '../users/find-recipient';

/** What every order mail shows: whom it greets and which order (the id's first block in subjects). */
export const orderRef = (recipient: Recipient, orderId: string) => ({
  name: recipient.name,
  order_id: orderId,
  short_id: orderId.split('-')[0],
});
