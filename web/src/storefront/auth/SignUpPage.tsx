import { type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '../../shared/app/ShopApp';
import { SignUpMutation } from '../../shared/auth/documents';
import { FormErrors, RequestError, TextField } from '../../shared/ui/components';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { safeNext } from '../../shared/auth/safeNext';
import { ProviderSignIn } from './ProviderButtons';

export function SignUpPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signIn } = useSession();
  const [state, signUp] = useMutation(SignUpMutation);
  const errors = groupUserErrors(state.data?.signUp.userErrors, ['email', 'password', 'name']);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const result = await signUp({
      input: { name: String(form.get('name')).trim(), email: String(form.get('email')).trim(), password: String(form.get('password')) },
    });
    const tokens = result.data?.signUp.session;
    if (tokens) {
      signIn(tokens);
      navigate(safeNext(params.get('next')), { replace: true });
    }
  }
  return (
    <main id="main" className="page narrow">
      <h1 id="sign-up-title">Create an account</h1>
      <form onSubmit={onSubmit} className="auth-form" aria-labelledby="sign-up-title">
        <FormErrors messages={errors.general()} />
        {state.error && <RequestError error={state.error} />}
        <TextField label="Name" name="name" required autoComplete="name" errors={errors.forField('name')} />
        <TextField label="Email" name="email" type="email" required autoComplete="email" errors={errors.forField('email')} />
        <TextField
          label="Password"
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          hint="At least 8 characters."
          errors={errors.forField('password')}
        />
        <button type="submit" disabled={state.fetching}>
          {state.fetching ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <ProviderSignIn next={safeNext(params.get('next'))} />
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </main>
  );
}
