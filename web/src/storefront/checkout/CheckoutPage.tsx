import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { DeliveryInput } from '../../gql/graphql';
import { FormErrors, QueryState, RequestError, SelectField, TextField } from '../../shared/ui/components';
import { formatAddress } from '../../shared/ui/address';
import { formatMoney } from '../../shared/ui/format';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { CheckoutMutation, CheckoutOptionsQuery } from './documents';

type Method = 'saved' | 'new' | 'pickup';

const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'postalCode', 'country'] as const;
const FORM_FIELDS = ['delivery', 'delivery.addressId', 'delivery.pickupPointId', 'promoCode', ...ADDRESS_FIELDS.map((f) => `delivery.address.${f}`)];

export function CheckoutPage() {
  const [options, refetch] = useQuery({ query: CheckoutOptionsQuery, requestPolicy: 'network-only' });
  const [placing, checkout] = useMutation(CheckoutMutation);
  const navigate = useNavigate();
  const [method, setMethod] = useState<Method | null>(null);
  // One key per attempt to place this order: a retry after a network failure cannot place it twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const errors = groupUserErrors(placing.data?.checkout.userErrors, FORM_FIELDS);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const chosen = method ?? defaultMethod;
    let delivery: DeliveryInput;
    if (chosen === 'saved') delivery = { addressId: value('addressId') };
    else if (chosen === 'pickup') delivery = { pickupPointId: value('pickupPointId') };
    else {
      delivery = {
        address: {
          line1: value('line1'),
          line2: value('line2') || null,
          city: value('city'),
          postalCode: value('postalCode'),
          country: value('country').toUpperCase(),
        },
      };
    }
    const result = await checkout({ input: { delivery, promoCode: value('promoCode') || null, idempotencyKey } });
    const order = result.data?.checkout.order;
    if (order) {
      setIdempotencyKey(crypto.randomUUID());
      navigate(`/orders/${order.id}`, { state: { placed: order.number } });
    }
  }

  const addresses = options.data?.me?.addresses ?? [];
  const defaultMethod: Method = addresses.length > 0 ? 'saved' : 'new';
  const chosen = method ?? defaultMethod;

  return (
    <main id="main" className="page checkout">
      <h1>Checkout</h1>
      <QueryState result={options} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading checkout">
        {({ myCart, pickupPoints }) =>
          myCart.lines.length === 0 ? (
            <p>
              Your cart is empty. <Link to="/">Browse the catalog</Link>.
            </p>
          ) : (
            <form onSubmit={onSubmit} noValidate={false}>
              <FormErrors messages={errors.general()} />
              {placing.error && <RequestError error={placing.error} />}
              <fieldset>
                <legend>Delivery</legend>
                {addresses.length > 0 && (
                  <Choice name="method" value="saved" checked={chosen === 'saved'} onChange={setMethod}>
                    Deliver to a saved address
                  </Choice>
                )}
                <Choice name="method" value="new" checked={chosen === 'new'} onChange={setMethod}>
                  Deliver to a new address
                </Choice>
                <Choice name="method" value="pickup" checked={chosen === 'pickup'} onChange={setMethod}>
                  Pick up at a warehouse
                </Choice>
                {errors.forField('delivery').length > 0 && (
                  <p className="field-error" role="alert">
                    {errors.forField('delivery').join(' ')}
                  </p>
                )}
                {chosen === 'saved' && (
                  <SelectField label="Saved address" name="addressId" required errors={errors.forField('delivery.addressId')}>
                    {addresses.map((a) => (
                      <option key={a.id} value={a.id}>
                        {formatAddress(a.address)}
                      </option>
                    ))}
                  </SelectField>
                )}
                {chosen === 'new' && (
                  <div className="address-form">
                    <TextField label="Street and number" name="line1" required autoComplete="address-line1" errors={errors.forField('delivery.address.line1')} />
                    <TextField label="Address line 2 (optional)" name="line2" autoComplete="address-line2" errors={errors.forField('delivery.address.line2')} />
                    <TextField label="City" name="city" required autoComplete="address-level2" errors={errors.forField('delivery.address.city')} />
                    <TextField label="Postal code" name="postalCode" required autoComplete="postal-code" errors={errors.forField('delivery.address.postalCode')} />
                    <TextField
                      label="Country (two-letter code)"
                      name="country"
                      required
                      maxLength={2}
                      autoComplete="country"
                      hint="e.g. US, DE, FR"
                      errors={errors.forField('delivery.address.country')}
                    />
                  </div>
                )}
                {chosen === 'pickup' && (
                  <SelectField label="Pickup point" name="pickupPointId" required errors={errors.forField('delivery.pickupPointId')}>
                    {pickupPoints.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} — {formatAddress(p.address)}
                        {p.openingHours ? ` (${p.openingHours})` : ''}
                      </option>
                    ))}
                  </SelectField>
                )}
              </fieldset>
              <TextField label="Promo code (optional)" name="promoCode" autoComplete="off" errors={errors.forField('promoCode')} />
              <section aria-labelledby="breakdown-title" className="breakdown">
                <h2 id="breakdown-title">Price</h2>
                <table>
                  <tbody>
                    {myCart.lines.map((l) => (
                      <tr key={l.product.id}>
                        <th scope="row">
                          {l.quantity} × {l.product.name}
                        </th>
                        <td className="money">{formatMoney(l.lineTotal)}</td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">Subtotal</th>
                      <td className="money">{formatMoney(myCart.subtotal)}</td>
                    </tr>
                  </tbody>
                </table>
                <p className="muted">The delivery fee and any promo discount are added when the order is placed; the order page shows the full breakdown.</p>
              </section>
              <button type="submit" disabled={placing.fetching}>
                {placing.fetching ? 'Placing the order…' : 'Place order'}
              </button>
            </form>
          )
        }
      </QueryState>
    </main>
  );
}

function Choice({
  name,
  value,
  checked,
  onChange,
  children,
}: {
  name: string;
  value: Method;
  checked: boolean;
  onChange: (m: Method) => void;
  children: string;
}) {
  return (
    <label className="choice">
      <input type="radio" name={name} value={value} checked={checked} onChange={() => onChange(value)} /> {children}
    </label>
  );
}
