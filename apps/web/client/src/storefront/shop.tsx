import type { CartResponse } from '@platform/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CallOptions } from '../api/http';
import { guestSessionId } from '../api/guest';
import { useSession, type SignedInUser } from '../api/session';

interface ShopValue {
  tenantId: string;
  /** The signed-in buyer of this shop, or null for a guest (or a user of another shop). */
  buyer: SignedInUser | null;
  /** Signed in, but to another shop: the services refuse that token here. */
  otherShop: boolean;
  /** A call as this shop's visitor: X-Tenant-Id always, X-Session-Id while a guest. */
  shopApi<T>(path: string, opts?: CallOptions): Promise<T>;
  cartCount: number | undefined;
  refreshCart(): void;
  /** A path inside this shop: shopPath('cart') → /shop/{tenant}/cart. */
  shopPath(rest?: string): string;
}

const ShopContext = createContext<ShopValue | null>(null);

/** The shop of the URL and who visits it; render only once the session is known (user !== undefined). */
export function ShopProvider({ tenantId, children }: { tenantId: string; children: ReactNode }) {
  const { user, api } = useSession();
  const otherShop = !!user && user.tenant_id !== tenantId;
  const buyer = user && !otherShop ? user : null;
  const [cartCount, setCartCount] = useState<number>();
  const [round, setRound] = useState(0);

  const shopApi = useCallback(
    <T,>(path: string, opts: CallOptions = {}) =>
      api<T>(path, {
        ...opts,
        caller: { tenantId, sessionId: buyer ? undefined : guestSessionId() },
      }),
    [api, tenantId, buyer],
  );

  useEffect(() => {
    if (otherShop) return;
    let live = true;
    shopApi<CartResponse>('/api/cart')
      .then((cart) => live && setCartCount(cart.item_count))
      .catch(() => live && setCartCount(undefined));
    return () => {
      live = false;
    };
  }, [shopApi, otherShop, round]);

  const value = useMemo<ShopValue>(
    () => ({
      tenantId,
      buyer,
      otherShop,
      shopApi,
      cartCount,
      refreshCart: () => setRound((r) => r + 1),
      shopPath: (rest = '') => `/shop/${encodeURIComponent(tenantId)}${rest ? `/${rest}` : ''}`,
    }),
    [tenantId, buyer, otherShop, shopApi, cartCount],
  );
  return <ShopContext.Provider value={value}>{children}</ShopContext.Provider>;
}

export function useShop(): ShopValue {
  const value = useContext(ShopContext);
  if (!value) throw new Error('useShop outside ShopProvider');
  return value;
}
