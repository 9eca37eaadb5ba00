import { type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { formatAddress } from '../../shared/ui/address';
import { FormErrors, QueryState, RequestError, Status, TextField } from '../../shared/ui/components';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { CreatePickupPointMutation, PickupPointsQuery } from './documents';

const FIELDS = ['name', 'openingHours', 'address.line1', 'address.line2', 'address.city', 'address.postalCode', 'address.country'];

export function PickupPointsPage() {
  const [result, refetch] = useQuery({ query: PickupPointsQuery });
  const [state, create] = useMutation(CreatePickupPointMutation);
  const errors = groupUserErrors(state.data?.createPickupPoint.userErrors, FIELDS);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const v = (n: string) => String(f.get(n) ?? '').trim();
    const r = await create({
      input: {
        name: v('name'),
        openingHours: v('openingHours') || null,
        address: { line1: v('line1'), line2: v('line2') || null, city: v('city'), postalCode: v('postalCode'), country: v('country').toUpperCase() },
      },
    });
    if (r.data?.createPickupPoint.pickupPoint) form.reset();
  }
  return (
    <main id="main" className="page narrow">
      <h1>Pickup points</h1>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading pickup points">
        {({ pickupPoints }) => (
          <ul>
            {pickupPoints.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong> — {formatAddress(p.address)}
                {p.openingHours && <span className="muted"> ({p.openingHours})</span>}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <form onSubmit={onSubmit} aria-labelledby="new-pickup">
        <h2 id="new-pickup">New pickup point</h2>
        <FormErrors messages={errors.general()} />
        {state.error && <RequestError error={state.error} />}
        <TextField label="Name" name="name" required errors={errors.forField('name')} />
        <TextField label="Street and number" name="line1" required errors={errors.forField('address.line1')} />
        <TextField label="Address line 2 (optional)" name="line2" errors={errors.forField('address.line2')} />
        <TextField label="City" name="city" required errors={errors.forField('address.city')} />
        <TextField label="Postal code" name="postalCode" required errors={errors.forField('address.postalCode')} />
        <TextField label="Country (two-letter code)" name="country" required maxLength={2} errors={errors.forField('address.country')} />
        <TextField label="Opening hours (optional)" name="openingHours" hint="e.g. Mon–Fri 9–18" errors={errors.forField('openingHours')} />
        <button type="submit" disabled={state.fetching}>
          Create pickup point
        </button>
        {state.data?.createPickupPoint.pickupPoint && <Status>Created {state.data.createPickupPoint.pickupPoint.name}.</Status>}
      </form>
    </main>
  );
}
