import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useSession } from '../app/ShopApp';
import { FormErrors, RequestError, TextField } from '../ui/components';
import { groupUserErrors } from '../ui/userErrors';
import type { Session } from './session';
import { SignInMutation } from './documents';

/** Email + password sign-in; `accept` may refuse the new session (the admin console accepts only ADMIN). */
export function SignInForm({ onSignedIn, accept }: { onSignedIn: (s: Session) => void; accept?: (s: Session) => string | null }) {
  const [state, signIn] = useMutation(SignInMutation);
  const { signIn: startSession, forget } = useSession();
  const [refused, setRefused] = useState<string | null>(null);
  const errors = groupUserErrors(state.data?.signIn.userErrors, ['email', 'password']);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setRefused(null);
    const form = new FormData(e.currentTarget);
    const result = await signIn({ input: { email: String(form.get('email')).trim(), password: String(form.get('password')) } });
    const tokens = result.data?.signIn.session;
    if (!tokens) return;
    const session = startSession(tokens);
    const problem = accept?.(session) ?? null;
    if (problem) {
      forget();
      setRefused(problem);
      return;
    }
    onSignedIn(session);
  }
  return (
    <form onSubmit={onSubmit} className="auth-form" aria-labelledby="sign-in-title">
      <FormErrors messages={[...errors.general(), ...(refused ? [refused] : [])]} />
      {state.error && <RequestError error={state.error} />}
      <TextField label="Email" name="email" type="email" required autoComplete="username" errors={errors.forField('email')} />
      <TextField label="Password" name="password" type="password" required autoComplete="current-password" errors={errors.forField('password')} />
      <button type="submit" disabled={state.fetching}>
        {state.fetching ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
