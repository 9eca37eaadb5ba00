import { useState } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../../shared/app/ShopApp';
import { describeError } from '../../shared/ui/errors';
import { AddToCartMutation } from './documents';
import { rememberGuestCartToken } from './guestCartToken';
import { useGuestCartToken } from './useCart';

/**
 * Adds one unit (or `quantity`); says what happened right beside the button, for screen readers too. Anonymous
 * visitors fill a guest cart: its token, issued by the first addToCart, is kept until sign-in merges it.
 */
export function AddToCartButton({
  productId,
  productName,
  quantity = 1,
  disabled,
}: {
  productId: string;
  productName: string;
  quantity?: number;
  disabled?: boolean;
}) {
  const { session } = useSession();
  const token = useGuestCartToken();
  const [state, addToCart] = useMutation(AddToCartMutation);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function add() {
    setMessage(null);
    const result = await addToCart({ input: { productId, quantity, cartToken: session ? null : token } });
    const payload = result.data?.addToCart;
    if (!session && payload?.cartToken) rememberGuestCartToken(payload.cartToken);
    if (result.error) setMessage({ ok: false, text: describeError(result.error) });
    else if (payload?.userErrors.length) setMessage({ ok: false, text: payload.userErrors.map((e) => e.message).join(' ') });
    else setMessage({ ok: true, text: `${productName} added to your cart.` });
  }
  return (
    <div className="add-to-cart">
      <button type="button" onClick={add} disabled={disabled || state.fetching}>
        {state.fetching ? 'Adding…' : 'Add to cart'}
        <span className="visually-hidden">: {productName}</span>
      </button>
      <span role="status" className={message && !message.ok ? 'field-error' : 'muted'}>
        {message?.text}
      </span>
    </div>
  );
}
