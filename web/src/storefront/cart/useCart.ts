import { useEffect, useSyncExternalStore } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../../shared/app/ShopApp';
import { CartQuery, GuestCartQuery } from './documents';
import { forgetGuestCartToken, guestCartToken, onGuestCartTokenChange } from './guestCartToken';

export function useGuestCartToken(): string | null {
  return useSyncExternalStore(onGuestCartTokenChange, guestCartToken, () => null);
}

/**
 * The cart on display: the customer's when signed in, else the guest cart of this browser (if any). `cartToken` is
 * what the cart mutations must carry (null when signed in).
 */
export function useCart() {
  const { session } = useSession();
  const token = useGuestCartToken();
  const guest = !session;
  const [mine, refetchMine] = useQuery({ query: CartQuery, pause: guest });
  const [theirs, refetchTheirs] = useQuery({ query: GuestCartQuery, variables: { cartToken: token ?? '' }, pause: !guest || !token });
  const guestCartGone = guest && !!token && theirs.data !== undefined && theirs.data.guestCart === null;
  useEffect(() => {
    // expired or already merged: start afresh with the next addToCart
    if (guestCartGone) forgetGuestCartToken();
  }, [guestCartGone]);
  if (!guest) {
    return { cart: mine.data?.myCart ?? null, fetching: mine.fetching && !mine.data, error: mine.error, cartToken: null, refetch: () => refetchMine({ requestPolicy: 'network-only' }) };
  }
  return {
    cart: token ? theirs.data?.guestCart ?? null : null,
    fetching: !!token && theirs.fetching && !theirs.data,
    error: token ? theirs.error : undefined,
    cartToken: token,
    refetch: () => refetchTheirs({ requestPolicy: 'network-only' }),
  };
}
