import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '../../shared/app/ShopApp';
import { FormErrors, Loading, RequestError, Status, TextField } from '../../shared/ui/components';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { RequestPasswordResetMutation, ResetPasswordMutation, VerifyEmailMutation } from '../account/accountDocuments';

export function ForgotPasswordPage() {
  const [state, request] = useMutation(RequestPasswordResetMutation);
  const errors = groupUserErrors(state.data?.requestPasswordReset.userErrors, ['email']);
  const sent = !!state.data && state.data.requestPasswordReset.userErrors.length === 0;
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    await request({ input: { email: String(new FormData(e.currentTarget).get('email')).trim() } });
  }
  return (
    <main id="main" className="page narrow">
      <h1>Forgot your password?</h1>
      {sent ? (
        <Status>If an account uses this email, a link to set a new password is on its way (valid for one hour).</Status>
      ) : (
        <form onSubmit={onSubmit}>
          <FormErrors messages={errors.general()} />
          {state.error && <RequestError error={state.error} />}
          <TextField label="Email" name="email" type="email" required autoComplete="username" errors={errors.forField('email')} />
          <button type="submit" disabled={state.fetching}>
            Email me a link
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">Back to sign-in</Link>
      </p>
    </main>
  );
}

/** Opened from the reset email: /reset-password?token=… */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, reset] = useMutation(ResetPasswordMutation);
  const { signIn } = useSession();
  const navigate = useNavigate();
  const errors = groupUserErrors(state.data?.resetPassword.userErrors, ['newPassword', 'token']);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const r = await reset({ input: { token, newPassword: String(new FormData(e.currentTarget).get('newPassword')) } });
    const session = r.data?.resetPassword.session;
    if (session) {
      signIn(session);
      navigate('/account', { replace: true, state: { notice: 'Your password has been changed; every other session has been signed out.' } });
    }
  }
  return (
    <main id="main" className="page narrow">
      <h1>Set a new password</h1>
      {!token ? (
        <p role="alert">This link has no token. Open the link from the email again, or <Link to="/forgot-password">ask for a new one</Link>.</p>
      ) : (
        <form onSubmit={onSubmit}>
          <FormErrors messages={[...errors.general(), ...errors.forField('token')]} />
          {errors.forField('token').length > 0 && (
            <p>
              <Link to="/forgot-password">Ask for a new link</Link>
            </p>
          )}
          {state.error && <RequestError error={state.error} />}
          <TextField label="New password" name="newPassword" type="password" required minLength={8} autoComplete="new-password" hint="At least 8 characters." errors={errors.forField('newPassword')} />
          <button type="submit" disabled={state.fetching}>
            Set the password and sign in
          </button>
        </form>
      )}
    </main>
  );
}

/** Opened from a verification email: /verify-email?token=… (works signed in or not). */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, verify] = useMutation(VerifyEmailMutation);
  const sent = useRef(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    void verify({ input: { token } }).then(() => setDone(true));
  }, [token, verify]);
  const payload = state.data?.verifyEmail;
  return (
    <main id="main" className="page narrow">
      <h1>Email verification</h1>
      {!token ? (
        <p role="alert">This link has no token. Open the link from the email again.</p>
      ) : !done || state.fetching ? (
        <Loading what="Checking the link" />
      ) : state.error ? (
        <RequestError error={state.error} retry={() => void verify({ input: { token } })} />
      ) : payload?.customer ? (
        <Status>{payload.customer.email} is verified. Thank you.</Status>
      ) : (
        <FormErrors messages={payload?.userErrors.map((e) => e.message) ?? ['This link cannot be used.']} />
      )}
      <p>
        <Link to="/">Go to the shop</Link>
      </p>
    </main>
  );
}
