import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '../../shared/app/ShopApp';
import { Loading } from '../../shared/ui/components';
import { LinkProviderMutation, SignInWithProviderMutation } from './providerDocuments';
import { readCallback, takeFlow, type PendingFlow } from './providerFlow';

/**
 * Where a sign-in provider sends the browser back (/auth/callback?code=…&state=…): finishes the sign-in or the account
 * link this tab started, once, then goes on to where the customer was headed; any problem is said in words.
 */
export function AuthCallbackPage() {
  const navigate = useNavigate();
  const { signIn: startSession } = useSession();
  const [, signInWithProvider] = useMutation(SignInWithProviderMutation);
  const [, linkProvider] = useMutation(LinkProviderMutation);
  const [problem, setProblem] = useState<{ message: string; flow: PendingFlow | null } | null>(null);
  const handled = useRef(false);

  useEffect(() => {
    if (handled.current) return;
    handled.current = true;
    const outcome = readCallback(window.location.search, takeFlow(window.sessionStorage));
    window.history.replaceState(window.history.state, '', '/auth/callback'); // the one-time code leaves the address bar
    if (!outcome.ok) {
      setProblem(outcome);
      return;
    }
    const { flow, code } = outcome;
    const input = { provider: flow.provider, code, state: flow.state, redirectUri: flow.redirectUri };
    const failed = (errors: { message: string }[] | undefined, error: Error | undefined, fallback: string) =>
      setProblem({ flow, message: errors?.map((e) => e.message).join(' ') || error?.message || fallback });
    if (flow.kind === 'sign-in') {
      void signInWithProvider({ input }).then((r) => {
        const tokens = r.data?.signInWithProvider.session;
        if (tokens) {
          startSession(tokens);
          navigate(flow.next, { replace: true });
        } else {
          failed(r.data?.signInWithProvider.userErrors, r.error, 'The sign-in did not succeed.');
        }
      });
    } else {
      void linkProvider({ input }).then((r) => {
        const payload = r.data?.linkProvider;
        if (payload?.customer && payload.userErrors.length === 0) navigate(flow.next, { replace: true, state: { linked: flow.provider } });
        else failed(payload?.userErrors, r.error, 'The provider could not be linked.');
      });
    }
  }, [navigate, signInWithProvider, linkProvider, startSession]);

  if (!problem) {
    return (
      <main id="main" className="page narrow">
        <Loading what="Finishing the sign-in" />
      </main>
    );
  }
  const linking = problem.flow?.kind === 'link';
  return (
    <main id="main" className="page narrow">
      <h1>{linking ? 'Linking did not work' : 'Sign-in did not work'}</h1>
      <p role="alert" className="alert error">
        {problem.message}
      </p>
      <p>{linking ? <Link to="/account">Back to your account</Link> : <Link to="/sign-in">Back to sign in</Link>}</p>
    </main>
  );
}
