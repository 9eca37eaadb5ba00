import { formatMoney, type MoneyValue } from '../ui/format';

export interface Priced {
  subtotal: MoneyValue;
  deliveryFee: MoneyValue;
  discount: MoneyValue;
  total: MoneyValue;
  pricesIncludeTax: boolean;
  taxTotal: MoneyValue;
  taxes: readonly { taxClass: string; rate: string; amount: MoneyValue }[];
}

/**
 * Subtotal, delivery, discount, taxes and total, for a quote before checkout and for a placed order alike. Prices
 * that include tax show the tax they contain ("incl. VAT 20 %"); otherwise each rate's tax is added before the total.
 */
export function PriceBreakdown({ price, promoCode }: { price: Priced; promoCode?: string | null }) {
  const taxLabel = (t: Priced['taxes'][number]) => `${price.pricesIncludeTax ? 'incl. ' : ''}tax ${t.rate} %${t.taxClass !== 'standard' ? ` (${t.taxClass})` : ''}`;
  return (
    <dl className="breakdown" data-testid="price-breakdown">
      <dt>Subtotal</dt>
      <dd>{formatMoney(price.subtotal)}</dd>
      <dt>Delivery</dt>
      <dd data-testid="delivery-fee">{formatMoney(price.deliveryFee)}</dd>
      <dt>Discount{promoCode ? ` (${promoCode})` : ''}</dt>
      <dd data-testid="discount">−{formatMoney(price.discount)}</dd>
      {price.taxes.map((t) => (
        <div key={`${t.taxClass}-${t.rate}`} className="tax-line">
          <dt>{taxLabel(t)}</dt>
          <dd>{formatMoney(t.amount)}</dd>
        </div>
      ))}
      <dt>Total</dt>
      <dd className="total" data-testid="total">
        {formatMoney(price.total)}
      </dd>
    </dl>
  );
}
