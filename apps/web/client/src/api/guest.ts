/** The guest visit of this browser (seed 003 `X-Session-Id`): made once, kept in localStorage, kept after sign-in until the cart moved. */
const KEY = 'shop.guest-session';

export function guestSessionId(): string {
  let id = localStorage.getItem(KEY);
  if (!id) {
    id = `guest-${crypto.randomUUID()}`;
    localStorage.setItem(KEY, id);
  }
  return id;
}

/** A new visit once the old one's cart and wishlist moved to the account. */
export function forgetGuestSession(): void {
  localStorage.removeItem(KEY);
}
