/** The domain of the sender address (`Shop <no-reply@shop.local>` → `shop.local`), for Message-IDs. */
export function mailDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

/**
 * A Message-ID (RFC 5322 `<local@domain>`) that depends only on its key: the same event always gives
 * the same id. A UUID event id is a valid local part as it is; anything else is reduced to the
 * characters a dot-atom allows.
 */
export function messageIdFor(key: string, domain: string): string {
  const local = key.replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/g, '-').replace(/^\.+|\.+$/g, '') || 'mail';
  return `<${local}@${domain}>`;
}
