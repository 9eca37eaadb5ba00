import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PriceBreakdown } from '../../shared/orders/PriceBreakdown';
import { formatAddress } from '../../shared/ui/address';
import { FormErrors, Loading, QueryState, RequestError, SelectField, TextField } from '../../shared/ui/components';
import { formatMoney } from '../../shared/ui/format';
import { useDebounced } from '../../shared/ui/useDebounced';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { deliveryInput, type DeliveryForm, type Method } from './delivery';
import { CheckoutMutation, CheckoutOptionsQuery, CheckoutQuoteQuery } from './documents';

const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'postalCode', 'country'] as const;
const FORM_FIELDS = ['delivery', 'delivery.addressId', 'delivery.pickupPointId', 'promoCode', ...ADDRESS_FIELDS.map((f) => `delivery.address.${f}`)];

export function CheckoutPage() {
  const [options, refetch] = useQuery({ query: CheckoutOptionsQuery, requestPolicy: 'network-only' });
  const [placing, checkout] = useMutation(CheckoutMutation);
  const navigate = useNavigate();
  const [form, setForm] = useState<DeliveryForm | null>(null);
  const [promoCode, setPromoCode] = useState('');
  // One key per attempt to place this order: a retry after a network failure cannot place it twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  // the first choice: a saved address if there is one, else a new address
  useEffect(() => {
    if (form || !options.data) return;
    const first = options.data.me?.addresses[0]?.id ?? '';
    setForm({
      method: first ? 'saved' : 'new',
      addressId: first,
      pickupPointId: options.data.pickupPoints[0]?.id ?? '',
      line1: '', line2: '', city: '', postalCode: '', country: '',
    });
  }, [form, options.data]);

  const delivery = form ? deliveryInput(form) : null;
  const quoteInput = useDebounced(delivery ? { delivery, promoCode: promoCode.trim() || null } : null, 400);
  const [quote, refetchQuote] = useQuery({ query: CheckoutQuoteQuery, variables: { input: quoteInput! }, pause: !quoteInput, requestPolicy: 'network-only' });

  // The last placing attempt's userErrors speak for the form as it was then; once the form changes, the quote's do.
  const current = JSON.stringify({ delivery, promoCode: promoCode.trim() });
  const [submitted, setSubmitted] = useState<string | null>(null);
  const showPlaced = !!placing.data && submitted === current;
  const placed = groupUserErrors(placing.data?.checkout.userErrors, FORM_FIELDS);
  const quoted = groupUserErrors(quote.data?.checkoutQuote.userErrors, FORM_FIELDS);
  const errorsFor = (field: string) => (showPlaced ? placed.forField(field) : quoted.forField(field));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!delivery) return;
    setSubmitted(current);
    const result = await checkout({ input: { delivery, promoCode: promoCode.trim() || null, idempotencyKey } });
    const order = result.data?.checkout.order;
    if (order) {
      setIdempotencyKey(crypto.randomUUID());
      navigate(`/orders/${order.id}`, { state: { placed: order.number } });
    }
  }
  const set = (patch: Partial<DeliveryForm>) => setForm((f) => (f ? { ...f, ...patch } : f));

  return (
    <main id="main" className="page checkout">
      <h1>Checkout</h1>
      <QueryState result={options} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading checkout">
        {({ me, myCart, pickupPoints }) =>
          myCart.lines.length === 0 ? (
            <p>
              Your cart is empty. <Link to="/">Browse the catalog</Link>.
            </p>
          ) : !form ? (
            <Loading what="Loading checkout" />
          ) : (
            <form onSubmit={onSubmit}>
              <FormErrors messages={showPlaced ? placed.general() : []} />
              {placing.error && <RequestError error={placing.error} />}
              <fieldset>
                <legend>Delivery</legend>
                {(me?.addresses.length ?? 0) > 0 && (
                  <Choice value="saved" form={form} onChange={(method) => set({ method })}>
                    Deliver to a saved address
                  </Choice>
                )}
                <Choice value="new" form={form} onChange={(method) => set({ method })}>
                  Deliver to a new address
                </Choice>
                <Choice value="pickup" form={form} onChange={(method) => set({ method })}>
                  Pick up at a warehouse
                </Choice>
                {errorsFor('delivery').length > 0 && (
                  <p className="field-error" role="alert">
                    {errorsFor('delivery').join(' ')}
                  </p>
                )}
                {form.method === 'saved' && (
                  <SelectField
                    label="Saved address"
                    required
                    value={form.addressId}
                    onChange={(e) => set({ addressId: e.target.value })}
                    errors={errorsFor('delivery.addressId')}
                  >
                    {me?.addresses.map((a) => (
                      <option key={a.id} value={a.id}>
                        {formatAddress(a.address)}
                      </option>
                    ))}
                  </SelectField>
                )}
                {form.method === 'new' && (
                  <div className="address-form">
                    <TextField label="Street and number" required autoComplete="address-line1" value={form.line1} onChange={(e) => set({ line1: e.target.value })} errors={errorsFor('delivery.address.line1')} />
                    <TextField label="Address line 2 (optional)" autoComplete="address-line2" value={form.line2} onChange={(e) => set({ line2: e.target.value })} errors={errorsFor('delivery.address.line2')} />
                    <TextField label="City" required autoComplete="address-level2" value={form.city} onChange={(e) => set({ city: e.target.value })} errors={errorsFor('delivery.address.city')} />
                    <TextField label="Postal code" required autoComplete="postal-code" value={form.postalCode} onChange={(e) => set({ postalCode: e.target.value })} errors={errorsFor('delivery.address.postalCode')} />
                    <TextField
                      label="Country (two-letter code)"
                      required
                      maxLength={2}
                      autoComplete="country"
                      hint="e.g. US, DE, FR"
                      value={form.country}
                      onChange={(e) => set({ country: e.target.value })}
                      errors={errorsFor('delivery.address.country')}
                    />
                  </div>
                )}
                {form.method === 'pickup' && (
                  <SelectField
                    label="Pickup point"
                    required
                    value={form.pickupPointId}
                    onChange={(e) => set({ pickupPointId: e.target.value })}
                    errors={errorsFor('delivery.pickupPointId')}
                  >
                    {pickupPoints.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} — {formatAddress(p.address)}
                        {p.openingHours ? ` (${p.openingHours})` : ''}
                      </option>
                    ))}
                  </SelectField>
                )}
              </fieldset>
              <TextField label="Promo code (optional)" autoComplete="off" value={promoCode} onChange={(e) => setPromoCode(e.target.value)} errors={errorsFor('promoCode')} />
              <section aria-labelledby="breakdown-title" className="breakdown" aria-live="polite" aria-busy={quote.fetching}>
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
                  </tbody>
                </table>
                {!delivery ? (
                  <p className="muted">Choose the delivery to see the delivery fee, taxes and total.</p>
                ) : quote.error ? (
                  <RequestError error={quote.error} retry={() => refetchQuote({ requestPolicy: 'network-only' })} />
                ) : quote.data?.checkoutQuote.quote ? (
                  <>
                    <PriceBreakdown price={quote.data.checkoutQuote.quote} promoCode={quote.data.checkoutQuote.quote.promoCode} />
                    <FormErrors messages={quoted.general()} />
                  </>
                ) : quote.data ? (
                  <FormErrors messages={quoted.general().length ? quoted.general() : ['This delivery cannot be priced; see the messages above.']} />
                ) : (
                  <Loading what="Calculating the price" />
                )}
              </section>
              <button type="submit" disabled={placing.fetching || !delivery}>
                {placing.fetching ? 'Placing the order…' : 'Place order'}
              </button>
            </form>
          )
        }
      </QueryState>
    </main>
  );
}

function Choice({ value, form, onChange, children }: { value: Method; form: DeliveryForm; onChange: (m: Method) => void; children: string }) {
  return (
    <label className="choice">
      <input type="radio" name="method" value={value} checked={form.method === value} onChange={() => onChange(value)} /> {children}
    </label>
  );
}
