import { useCallback, useState } from 'react';
import { useShop } from './shop';

/** "Add to cart" / "Add to wishlist" from any page: the call, the cart count refreshed, a status line. */
export function useAddTo() {
  const { shopApi, refreshCart } = useShop();
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(undefined);
    setNotice('');
    try {
      await work();
      setNotice(done);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const addToCart = useCallback(
    (itemId: string, title: string, quantity = 1) =>
      run(async () => {
        await shopApi('/api/cart/items', { body: { item_id: itemId, quantity } });
        refreshCart();
      }, `Added ${quantity} × ${title} to your cart.`),
    [run, shopApi, refreshCart],
  );
  const addToWishlist = useCallback(
    (itemId: string, title: string) =>
      run(
        () => shopApi('/api/wishlist/items', { body: { item_id: itemId } }),
        `${title} is in your wishlist.`,
      ),
    [run, shopApi],
  );
  return { addToCart, addToWishlist, notice, error, busy };
}
