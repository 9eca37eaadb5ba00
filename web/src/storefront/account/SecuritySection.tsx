import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { FormErrors, QueryState, RequestError, Status, TextField } from '../../shared/ui/components';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { AccountSecurityQuery, ChangeEmailMutation, ChangePasswordMutation, ResendVerificationEmailMutation } from './accountDocuments';
import { LinkedProviders } from './LinkedProviders';

/** Email (verification, change), password (change) and linked sign-in providers of the signed-in customer. */
export function SecuritySection() {
  const [result, refetch] = useQuery({ query: AccountSecurityQuery });
  return (
    <section aria-labelledby="security-title">
      <h2 id="security-title">Sign-in and security</h2>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading">
        {({ me }) =>
          me && (
            <>
              <EmailStatus email={me.email} verified={me.emailVerified} pending={me.pendingEmail ?? null} />
              <ChangeEmail hasPassword={me.hasPassword} />
              <ChangePassword hasPassword={me.hasPassword} />
              <LinkedProviders linked={me.linkedProviders} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function EmailStatus({ email, verified, pending }: { email: string; verified: boolean; pending: string | null }) {
  const [state, resend] = useMutation(ResendVerificationEmailMutation);
  const errors = state.data?.resendVerificationEmail.userErrors.map((e) => e.message) ?? [];
  return (
    <div>
      <p>
        {email} — {verified ? 'verified' : <strong>not verified yet</strong>}
      </p>
      {pending && <p className="muted">Changing to {pending}: open the link sent there to confirm.</p>}
      {(!verified || pending) && (
        <p>
          <button type="button" className="secondary" disabled={state.fetching} onClick={() => void resend({})}>
            Send the verification email again
          </button>
        </p>
      )}
      {state.data && errors.length === 0 && <Status>Sent. Check your inbox.</Status>}
      <FormErrors messages={errors} />
      {state.error && <RequestError error={state.error} />}
    </div>
  );
}

function ChangeEmail({ hasPassword }: { hasPassword: boolean }) {
  const [state, change] = useMutation(ChangeEmailMutation);
  const errors = groupUserErrors(state.data?.changeEmail.userErrors, ['newEmail', 'currentPassword']);
  const [done, setDone] = useState(false);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(false);
    const form = e.currentTarget;
    const f = new FormData(form);
    const r = await change({ input: { newEmail: String(f.get('newEmail')).trim(), currentPassword: hasPassword ? String(f.get('currentPassword')) : null } });
    if (r.data?.changeEmail.userErrors.length === 0) {
      setDone(true);
      form.reset();
    }
  }
  return (
    <form onSubmit={onSubmit} aria-labelledby="email-title" className="narrow">
      <h3 id="email-title">Change email</h3>
      <FormErrors messages={errors.general()} />
      {state.error && <RequestError error={state.error} />}
      <TextField label="New email" name="newEmail" type="email" required autoComplete="email" errors={errors.forField('newEmail')} />
      {hasPassword && (
        <TextField label="Current password" name="currentPassword" type="password" required autoComplete="current-password" errors={errors.forField('currentPassword')} />
      )}
      <button type="submit" disabled={state.fetching}>
        Change email
      </button>
      {done && <Status>A link to confirm the new address is on its way there.</Status>}
    </form>
  );
}

function ChangePassword({ hasPassword }: { hasPassword: boolean }) {
  const [state, change] = useMutation(ChangePasswordMutation);
  const errors = groupUserErrors(state.data?.changePassword.userErrors, ['currentPassword', 'newPassword']);
  const [done, setDone] = useState(false);
  if (!hasPassword) {
    return <p className="muted">You sign in with a provider. To set a password, use “Forgot your password?” on the sign-in page.</p>;
  }
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(false);
    const form = e.currentTarget;
    const f = new FormData(form);
    const r = await change({ input: { currentPassword: String(f.get('currentPassword')), newPassword: String(f.get('newPassword')) } });
    if (r.data?.changePassword.userErrors.length === 0) {
      setDone(true);
      form.reset();
    }
  }
  return (
    <form onSubmit={onSubmit} aria-labelledby="password-title" className="narrow">
      <h3 id="password-title">Change password</h3>
      <FormErrors messages={errors.general()} />
      {state.error && <RequestError error={state.error} />}
      <TextField label="Current password" name="currentPassword" type="password" required autoComplete="current-password" errors={errors.forField('currentPassword')} />
      <TextField label="New password" name="newPassword" type="password" required minLength={8} autoComplete="new-password" hint="At least 8 characters." errors={errors.forField('newPassword')} />
      <button type="submit" disabled={state.fetching}>
        Change password
      </button>
      {done && <Status>Password changed. Your other sessions have been signed out.</Status>}
    </form>
  );
}
