import { startTransition, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../shared/app/ShopApp';
import { formatAddress } from '../../shared/ui/address';
import { FormErrors, QueryState, RequestError, Status, TextField } from '../../shared/ui/components';
import { formatDate } from '../../shared/ui/format';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { DataExportSection } from './DataExportSection';
import { SecuritySection } from './SecuritySection';
import { AccountQuery, AddAddressMutation, DeleteMyAccountMutation, RemoveAddressMutation, UpdateProfileMutation } from './documents';

export function AccountPage() {
  const [result, refetch] = useQuery({ query: AccountQuery });
  return (
    <main id="main" className="page account">
      <h1>Your account</h1>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading your account">
        {({ me }) =>
          !me ? (
            <p role="alert">You are not signed in.</p>
          ) : (
            <>
              <p className="muted">
                {me.email} · customer since {formatDate(me.createdAt)}
              </p>
              <ProfileForm name={me.name} phone={me.phone ?? ''} />
              <Addresses addresses={me.addresses} />
              <SecuritySection />
              <DataExportSection />
              <DeleteAccount />
            </>
          )
        }
      </QueryState>
    </main>
  );
}

function ProfileForm({ name, phone }: { name: string; phone: string }) {
  const [state, update] = useMutation(UpdateProfileMutation);
  const [saved, setSaved] = useState(false);
  const errors = groupUserErrors(state.data?.updateProfile.userErrors, ['name', 'phone']);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const form = new FormData(e.currentTarget);
    const result = await update({ input: { name: String(form.get('name')).trim(), phone: String(form.get('phone')).trim() || null } });
    setSaved(!!result.data?.updateProfile.customer && result.data.updateProfile.userErrors.length === 0);
  }
  return (
    <form onSubmit={onSubmit} aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <FormErrors messages={errors.general()} />
      {state.error && <RequestError error={state.error} />}
      <TextField label="Name" name="name" defaultValue={name} required autoComplete="name" errors={errors.forField('name')} />
      <TextField label="Phone" name="phone" defaultValue={phone} type="tel" autoComplete="tel" errors={errors.forField('phone')} />
      <button type="submit" disabled={state.fetching}>
        Save profile
      </button>
      {saved && <Status>Profile saved.</Status>}
    </form>
  );
}

const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'postalCode', 'country'];

function Addresses({ addresses }: { addresses: { id: string; address: Parameters<typeof formatAddress>[0] }[] }) {
  const [adding, add] = useMutation(AddAddressMutation);
  const [removing, remove] = useMutation(RemoveAddressMutation);
  const errors = groupUserErrors(adding.data?.addAddress.userErrors, ADDRESS_FIELDS);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const v = (n: string) => String(form.get(n) ?? '').trim();
    const result = await add({
      input: { line1: v('line1'), line2: v('line2') || null, city: v('city'), postalCode: v('postalCode'), country: v('country').toUpperCase() },
    });
    if (result.data?.addAddress.userErrors.length === 0) formElement.reset();
  }
  return (
    <section aria-labelledby="addresses-title">
      <h2 id="addresses-title">Addresses</h2>
      {addresses.length === 0 ? (
        <p>No saved addresses.</p>
      ) : (
        <ul className="addresses">
          {addresses.map((a) => (
            <li key={a.id}>
              {formatAddress(a.address)}{' '}
              <button type="button" className="secondary" disabled={removing.fetching} onClick={() => void remove({ id: a.id })} aria-label={`Remove ${formatAddress(a.address)}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {removing.error && <RequestError error={removing.error} />}
      <form onSubmit={onSubmit} className="address-form" aria-label="Add an address">
        <h3>Add an address</h3>
        <FormErrors messages={errors.general()} />
        {adding.error && <RequestError error={adding.error} />}
        <TextField label="Street and number" name="line1" required autoComplete="address-line1" errors={errors.forField('line1')} />
        <TextField label="Address line 2 (optional)" name="line2" autoComplete="address-line2" errors={errors.forField('line2')} />
        <TextField label="City" name="city" required autoComplete="address-level2" errors={errors.forField('city')} />
        <TextField label="Postal code" name="postalCode" required autoComplete="postal-code" errors={errors.forField('postalCode')} />
        <TextField label="Country (two-letter code)" name="country" required maxLength={2} errors={errors.forField('country')} />
        <button type="submit" disabled={adding.fetching}>
          Add address
        </button>
      </form>
    </section>
  );
}

function DeleteAccount() {
  const [state, deleteAccount] = useMutation(DeleteMyAccountMutation);
  const { forget } = useSession();
  const navigate = useNavigate();
  const errors = groupUserErrors(state.data?.deleteMyAccount.userErrors, ['password']);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get('password') ?? '');
    const result = await deleteAccount({ password });
    if (result.data?.deleteMyAccount.deletedCustomerId) {
      // One transition (React Router navigates in one): leaving this signed-in page and forgetting the session render
      // together, or the page would first send us to the sign-in form.
      startTransition(() => {
        navigate('/', { replace: true, state: { notice: 'Your account and personal data have been deleted.' } });
        forget();
      });
    }
  }
  return (
    <form onSubmit={onSubmit} className="danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete my account</h2>
      <p>This erases your account and personal data in every part of the shop. It cannot be undone.</p>
      <FormErrors messages={errors.general()} />
      {state.error && <RequestError error={state.error} />}
      <TextField label="Your password, to confirm" name="password" type="password" required autoComplete="current-password" errors={errors.forField('password')} />
      <button type="submit" className="danger" disabled={state.fetching}>
        Delete my account
      </button>
    </form>
  );
}
