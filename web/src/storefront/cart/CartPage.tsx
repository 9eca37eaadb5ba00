import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { QueryState, RequestError } from '../../shared/ui/components';
import { formatMoney } from '../../shared/ui/format';
import { CartQuery, RemoveFromCartMutation, UpdateCartLineMutation } from './documents';

export function CartPage() {
  const [result, refetch] = useQuery({ query: CartQuery });
  return (
    <main id="main" className="page cart">
      <h1>Your cart</h1>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading your cart">
        {({ myCart }) =>
          myCart.lines.length === 0 ? (
            <p>
              Your cart is empty. <Link to="/">Browse the catalog</Link>.
            </p>
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
                  {myCart.lines.map((line) => (
                    <CartLineRow key={line.product.id} line={line} />
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={3}>
                      Subtotal ({myCart.itemCount} item{myCart.itemCount === 1 ? '' : 's'})
                    </th>
                    <td className="money">{formatMoney(myCart.subtotal)}</td>
                    <td />
                  </tr>
                </tfoot>
              </table>
              <p>
                <Link className="button" to="/checkout">
                  Go to checkout
                </Link>
              </p>
            </>
          )
        }
      </QueryState>
    </main>
  );
}

interface Line {
  quantity: number;
  unitPrice: { amount: string; currency: string };
  lineTotal: { amount: string; currency: string };
  product: { id: string; name: string; stock: number; available: boolean };
}

function CartLineRow({ line }: { line: Line }) {
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
            void doUpdate({ input: { productId: line.product.id, quantity: Number(quantity) } });
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
          onClick={() => void doRemove({ productId: line.product.id })}
          aria-label={`Remove ${line.product.name} from the cart`}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}
