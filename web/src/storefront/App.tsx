import { lazy, Suspense } from 'react';
import { BrowserRouter, Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSession } from '../shared/app/ShopApp';
import { Loading } from '../shared/ui/components';
import { SkipLink } from '../shared/app/SkipLink';
import { LocationNotice } from '../shared/app/LocationNotice';
import { RouteAnnouncer } from '../shared/app/RouteAnnouncer';
import { AccountPage } from './account/AccountPage';
import { SignInPage } from './auth/SignInPage';
import { AuthCallbackPage } from './auth/AuthCallbackPage';
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from './auth/PasswordResetPages';
import { SignUpPage } from './auth/SignUpPage';
import { CartPage } from './cart/CartPage';
import { GuestCartMerger } from './cart/GuestCartMerger';
import { useCart } from './cart/useCart';
import { CatalogPage } from './catalog/CatalogPage';
import { ProductPage } from './catalog/ProductPage';
import { CheckoutPage } from './checkout/CheckoutPage';
import { NotificationBadge } from './notifications/NotificationBadge';
import { NotificationsPage } from './notifications/NotificationsPage';
import { OrderPage } from './orders/OrderPage';
import { OrdersPage } from './orders/OrdersPage';
import { WalletPage } from './wallet/WalletPage';

// The chart library is large: its page loads it on first visit.
const StatsPage = lazy(() => import('./account/StatsPage').then((m) => ({ default: m.StatsPage })));

export function StorefrontApp() {
  return (
    <BrowserRouter>
      <SkipLink />
      <Header />
      <RouteAnnouncer />
      <LocationNotice />
      <GuestCartMerger />
      <Routes>
        <Route path="/" element={<CatalogPage />} />
        <Route path="/products/:id" element={<ProductPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/sign-up" element={<SignUpPage />} />
        <Route path="/auth/callback" element={<AuthCallbackPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
        <Route path="/cart" element={<CartPage />} />
        <Route path="/checkout" element={<SignedIn page={<CheckoutPage />} />} />
        <Route path="/orders" element={<SignedIn page={<OrdersPage />} />} />
        <Route path="/orders/:id" element={<SignedIn page={<OrderPage />} />} />
        <Route path="/wallet" element={<SignedIn page={<WalletPage />} />} />
        <Route path="/notifications" element={<SignedIn page={<NotificationsPage />} />} />
        <Route path="/stats" element={<SignedIn page={<Suspense fallback={<Loading what="Loading statistics" />}><StatsPage /></Suspense>} />} />
        <Route path="/account" element={<SignedIn page={<AccountPage />} />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </BrowserRouter>
  );
}

/** Pages of a signed-in customer; anyone else is sent to sign in and brought back afterwards. */
function SignedIn({ page }: { page: React.ReactElement }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return page;
}

function Header() {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        Shop
      </Link>
      <nav aria-label="Main">
        <NavLink to="/" end>
          Catalog
        </NavLink>
        <CartLink />
        {session ? (
          <>
            <NavLink to="/orders">Orders</NavLink>
            <NavLink to="/wallet">Wallet</NavLink>
            <NotificationBadge />
            <NavLink to="/stats">Statistics</NavLink>
            <NavLink to="/account">Account</NavLink>
            <button
              type="button"
              className="link"
              onClick={async () => {
                await signOut();
                navigate('/');
              }}
            >
              Sign out
            </button>
          </>
        ) : (
          <>
            <NavLink to="/sign-in">Sign in</NavLink>
            <NavLink to="/sign-up">Create account</NavLink>
          </>
        )}
      </nav>
    </header>
  );
}

function CartLink() {
  const { cart } = useCart();
  const count = cart?.itemCount ?? 0;
  return (
    <NavLink to="/cart">
      Cart
      {count > 0 && (
        <span className="badge">
          <span data-testid="cart-count">{count}</span>
          <span className="visually-hidden"> item{count === 1 ? '' : 's'}</span>
        </span>
      )}
    </NavLink>
  );
}

function NotFound() {
  return (
    <main id="main" className="page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the catalog</Link>
      </p>
    </main>
  );
}
