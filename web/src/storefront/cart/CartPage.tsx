import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '../../shared/app/ShopApp';
import { Loading, RequestError } from '../../shared/ui/components';
import { formatMoney } from '../../shared/ui/format';
import { RemoveFromCartMutation, UpdateCartLineMutation } from './documents';
import { useCart } from './useCart';

export function CartPage() {
  const { cart, fetching, error, cartToken, refetch } = useCart();
  const { session } = useSession();
  return (
    <main id="main" className="page cart">
      <h1>Your cart</h1>
      {error && <RequestError error={error} retry={refetch} />}
      {fetching ? (
        <Loading what="Loading your cart" />
      ) : !cart || cart.lines.length === 0 ? (
        !error && (
          <p>
            Your cart is empty. <Link to="/">Browse the catalog</Link>.
          </p>
        )
      ) : (
        <>
          <table className="lines">
            <caption className="visually-hidden">Products in your cart</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Unit price</th>
                <th scope="col">Quantity</th>
                <th scope="col">Total</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cart.lines.map((line) => (
                <CartLineRow key={line.product.id} line={line} cartToken={cartToken} />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Subtotal ({cart.itemCount} item{cart.itemCount === 1 ? '' : 's'})
                </th>
                <td className="money">{formatMoney(cart.subtotal)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
          <p>
            {session ? (
              <Link className="button" to="/checkout">
                Go to checkout
              </Link>
            ) : (
              <>
                <Link className="button" to="/sign-in?next=%2Fcheckout">
                  Sign in to check out
                </Link>{' '}
                <Link to="/sign-up?next=%2Fcheckout">or create an account</Link> — this cart comes with you.
              </>
            )}
          </p>
        </>
      )}
    </main>
  );
}

interface Line {
  quantity: number;
  unitPrice: { amount: string; currency: string };
  lineTotal: { amount: string; currency: string };
  product: { id: string; name: string; stock: number; available: boolean };
}

function CartLineRow({ line, cartToken }: { line: Line; cartToken: string | null }) {
  const [quantity, setQuantity] = useState(String(line.quantity));
  const [update, doUpdate] = useMutation(UpdateCartLineMutation);
  const [remove, doRemove] = useMutation(RemoveFromCartMutation);
  const errors = [...(update.data?.updateCartLine.userErrors ?? []), ...(remove.data?.removeFromCart.userErrors ?? [])];
  const failed = update.error ?? remove.error;
  const inputId = `qty-${line.product.id}`;
  return (
    <tr>
      <th scope="row">
        <Link to={`/products/${line.product.id}`}>{line.product.name}</Link>
        {!line.product.available && <span className="stock out"> (sold out)</span>}
      </th>
      <td className="money">{formatMoney(line.unitPrice)}</td>
      <td>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void doUpdate({ input: { productId: line.product.id, quantity: Number(quantity), cartToken } });
          }}
        >
          <label htmlFor={inputId} className="visually-hidden">
            Quantity of {line.product.name}
          </label>
          <input
            id={inputId}
            type="number"
            min={1}
            max={99}
            value={quantity}
            aria-invalid={errors.length > 0 || undefined}
            aria-describedby={errors.length ? `${inputId}-e` : undefined}
            onChange={(e) => setQuantity(e.target.value)}
          />
          <button type="submit" disabled={update.fetching || Number(quantity) === line.quantity}>
            {update.fetching ? 'Updating…' : 'Update'}
          </button>
          {errors.length > 0 && (
            <span id={`${inputId}-e`} className="field-error" role="alert">
              {errors.map((e) => e.message).join(' ')}
            </span>
          )}
          {failed && <RequestError error={failed} />}
        </form>
      </td>
      <td className="money">{formatMoney(line.lineTotal)}</td>
      <td>
        <button
          type="button"
          className="secondary"
          disabled={remove.fetching}
          onClick={() => void doRemove({ productId: line.product.id, cartToken })}
          aria-label={`Remove ${line.product.name} from the cart`}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}
