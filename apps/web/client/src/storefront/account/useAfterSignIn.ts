import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { forgetGuestSession, guestSessionId } from '../../api/guest';
import { useSession, type SignedInUser } from '../../api/session';
import { useShop } from '../shop';
import { moveGuestVisit } from './migrate';

/**
 * After a buyer signs in or up: the guest cart and wishlist move to the account, the guest visit is
 * forgotten, and the cart is shown ("Your cart moved to your account"). A user of another shop is left
 * where they are (the layout says so; this shop's services refuse that account).
 */
export function useAfterSignIn() {
  const { api } = useSession();
  const { tenantId, shopPath, cartCount, refreshCart } = useShop();
  const navigate = useNavigate();
  return useCallback(
    async (user: SignedInUser) => {
      if (user.tenant_id !== tenantId) return;
      const outcome = await moveGuestVisit(
        (path, body) => api(path, { body, caller: { tenantId } }),
        guestSessionId(),
      );
      forgetGuestSession();
      refreshCart();
      navigate(shopPath('cart'), { state: { moved: outcome === 'moved' || (cartCount ?? 0) > 0 } });
    },
    [api, tenantId, shopPath, cartCount, refreshCart, navigate],
  );
}
