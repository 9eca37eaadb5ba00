import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '../../shared/app/ShopApp';
import { describeError } from '../../shared/ui/errors';
import { AddToCartMutation } from './documents';

/** Adds one unit (or `quantity`); says what happened right beside the button, for screen readers too. */
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
  const location = useLocation();
  const [state, addToCart] = useMutation(AddToCartMutation);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!session) {
    return (
      <Link className="button secondary" to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>
        Sign in to buy
      </Link>
    );
  }
  async function add() {
    setMessage(null);
    const result = await addToCart({ input: { productId, quantity } });
    const errors = result.data?.addToCart.userErrors ?? [];
    if (result.error) setMessage({ ok: false, text: describeError(result.error) });
    else if (errors.length) setMessage({ ok: false, text: errors.map((e) => e.message).join(' ') });
    else setMessage({ ok: true, text: `${productName} added to your cart.` });
  }
  return (
    <div className="add-to-cart">
      <button type="button" onClick={add} disabled={disabled || state.fetching} aria-label={`Add ${productName} to cart`}>
        {state.fetching ? 'Adding…' : 'Add to cart'}
      </button>
      <span role="status" className={message && !message.ok ? 'field-error' : 'muted'}>
        {message?.text}
      </span>
    </div>
  );
}
