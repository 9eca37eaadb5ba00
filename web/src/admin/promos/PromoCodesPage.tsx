import { type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { FormErrors, QueryState, RequestError, Status, TextField } from '../../shared/ui/components';
import { formatDateTime, formatMoney } from '../../shared/ui/format';
import { groupUserErrors } from '../../shared/ui/userErrors';

export const PromoCodesQuery = graphql(`
  query PromoCodes {
    promoCodes { code percentOff amountOff { amount currency } validFrom validTo usageLimit timesUsed }
  }
`);

export const CreatePromoCodeMutation = graphql(`
  mutation CreatePromoCode($input: CreatePromoCodeInput!) {
    createPromoCode(input: $input) {
      promoCode { code percentOff amountOff { amount currency } validFrom validTo usageLimit timesUsed }
      userErrors { code field message }
    }
  }
`);

const FIELDS = ['code', 'percentOff', 'amountOff', 'validFrom', 'validTo', 'usageLimit'];

/** A datetime-local value (the browser's local time) as an RFC 3339 instant, or null when empty. */
export function localToInstant(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function PromoCodesPage() {
  const [result, refetch] = useQuery({ query: PromoCodesQuery });
  const [state, create] = useMutation(CreatePromoCodeMutation);
  const errors = groupUserErrors(state.data?.createPromoCode.userErrors, FIELDS);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const v = (n: string) => String(f.get(n) ?? '').trim();
    const r = await create({
      input: {
        code: v('code'),
        percentOff: v('percentOff') ? Number(v('percentOff')) : null,
        amountOff: v('amountOff') || null,
        validFrom: localToInstant(v('validFrom')),
        validTo: localToInstant(v('validTo')),
        usageLimit: v('usageLimit') ? Number(v('usageLimit')) : null,
      },
    });
    if (r.data?.createPromoCode.promoCode) form.reset();
  }
  return (
    <main id="main" className="page">
      <h1>Promo codes</h1>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading promo codes">
        {({ promoCodes }) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Discount</th>
                <th scope="col">Valid</th>
                <th scope="col">Used</th>
              </tr>
            </thead>
            <tbody>
              {promoCodes.length === 0 && (
                <tr>
                  <td colSpan={4}>No promo codes yet.</td>
                </tr>
              )}
              {promoCodes.map((p) => (
                <tr key={p.code}>
                  <th scope="row">{p.code}</th>
                  <td>{p.percentOff != null ? `${p.percentOff} %` : formatMoney(p.amountOff)}</td>
                  <td>
                    {p.validFrom ? formatDateTime(p.validFrom) : 'always'} – {p.validTo ? formatDateTime(p.validTo) : 'no end'}
                  </td>
                  <td>
                    {p.timesUsed}
                    {p.usageLimit != null ? ` of ${p.usageLimit}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <form onSubmit={onSubmit} className="narrow" aria-labelledby="new-promo">
        <h2 id="new-promo">New promo code</h2>
        <FormErrors messages={errors.general()} />
        {state.error && <RequestError error={state.error} />}
        <TextField label="Code" name="code" required errors={errors.forField('code')} />
        <TextField label="Percent off" name="percentOff" type="number" min={1} max={100} hint="Either a percentage or an amount." errors={errors.forField('percentOff')} />
        <TextField label="Amount off" name="amountOff" inputMode="decimal" hint="e.g. 5.00" errors={errors.forField('amountOff')} />
        <TextField label="Valid from (optional)" name="validFrom" type="datetime-local" errors={errors.forField('validFrom')} />
        <TextField label="Valid to (optional)" name="validTo" type="datetime-local" errors={errors.forField('validTo')} />
        <TextField label="Usage limit (optional)" name="usageLimit" type="number" min={1} errors={errors.forField('usageLimit')} />
        <button type="submit" disabled={state.fetching}>
          Create promo code
        </button>
        {state.data?.createPromoCode.promoCode && <Status>Created {state.data.createPromoCode.promoCode.code}.</Status>}
      </form>
    </main>
  );
}
