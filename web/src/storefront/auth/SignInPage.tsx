import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../shared/app/ShopApp';
import { safeNext } from '../../shared/auth/safeNext';
import { SignInForm } from '../../shared/auth/SignInForm';
import { ProviderSignIn } from './ProviderButtons';

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { lastChange } = useSession();
  const next = safeNext(params.get('next'));
  return (
    <main id="main" className="page narrow">
      <h1 id="sign-in-title">Sign in</h1>
      {lastChange === 'expired' && (
        <p className="alert warning" role="alert">
          Your session has expired. Please sign in again.
        </p>
      )}
      <SignInForm onSignedIn={() => navigate(next, { replace: true })} />
      <ProviderSignIn next={next} />
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to={`/sign-up?next=${encodeURIComponent(next)}`}>Create an account</Link>
      </p>
    </main>
  );
}
