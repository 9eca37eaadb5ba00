import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../../shared/app/ShopApp';
import { MergeGuestCartMutation } from './documents';
import { forgetGuestCartToken } from './guestCartToken';
import { useGuestCartToken } from './useCart';

/**
 * After sign-in (or sign-up), moves what the visitor put in the guest cart into the customer's cart, once, and says
 * what could not come along (capped quantities, products no longer on sale).
 */
export function GuestCartMerger() {
  const { session } = useSession();
  const token = useGuestCartToken();
  const [, merge] = useMutation(MergeGuestCartMutation);
  const [notes, setNotes] = useState<string[]>([]);
  const started = useRef<string | null>(null);
  useEffect(() => {
    if (!session || !token || started.current === token) return;
    started.current = token;
    void merge({ cartToken: token }).then((result) => {
      const payload = result.data?.mergeGuestCart;
      if (payload) {
        // merged, or the token was no longer valid (CART_TOKEN_INVALID): either way it is done with
        forgetGuestCartToken();
        const count = payload.cart?.itemCount ?? 0;
        setNotes([
          ...(payload.cart ? [`The cart you filled before signing in is in your cart now (${count} item${count === 1 ? '' : 's'}).`] : []),
          ...payload.userErrors.map((e) => e.message),
        ]);
      }
      // a network error keeps the token: the next sign-in (or reload) tries again
    });
  }, [session, token, merge]);
  if (notes.length === 0) return null;
  return (
    <div className="page notice">
      <div className="alert success" role="status">
        {notes.map((n, i) => (
          <p key={i}>{n}</p>
        ))}
        <button type="button" className="secondary" onClick={() => setNotes([])}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
