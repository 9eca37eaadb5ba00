import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, NavLink, Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../shared/app/ShopApp';
import { Loading } from '../shared/ui/components';
import { LocationNotice } from '../shared/app/LocationNotice';
import { RouteAnnouncer } from '../shared/app/RouteAnnouncer';
import { SkipLink } from '../shared/app/SkipLink';
import { SignInForm } from '../shared/auth/SignInForm';
import { safeNext } from '../shared/auth/safeNext';
import { CategoriesPage } from './catalog/CategoriesPage';
import { PickupPointsPage } from './catalog/PickupPointsPage';
import { CustomerPage } from './customers/CustomerPage';
import { CustomersPage } from './customers/CustomersPage';
import { OrderPage } from './orders/OrderPage';
import { OrdersPage } from './orders/OrdersPage';
import { ProductEditPage } from './products/ProductEditPage';
import { ProductsPage } from './products/ProductsPage';
import { PrivacyPage } from './privacy/PrivacyPage';
import { PromoCodesPage } from './promos/PromoCodesPage';

// The chart library is large: the dashboard loads it on first visit.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));

export function AdminApp() {
  return (
    <BrowserRouter basename="/admin">
      <SkipLink />
      <Header />
      <RouteAnnouncer />
      <LocationNotice />
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/" element={<AdminOnly page={<Suspense fallback={<Loading what="Loading the dashboard" />}><DashboardPage /></Suspense>} />} />
        <Route path="/products" element={<AdminOnly page={<ProductsPage />} />} />
        <Route path="/products/:id" element={<AdminOnly page={<ProductEditPage />} />} />
        <Route path="/categories" element={<AdminOnly page={<CategoriesPage />} />} />
        <Route path="/pickup-points" element={<AdminOnly page={<PickupPointsPage />} />} />
        <Route path="/orders" element={<AdminOnly page={<OrdersPage />} />} />
        <Route path="/orders/:id" element={<AdminOnly page={<OrderPage />} />} />
        <Route path="/customers" element={<AdminOnly page={<CustomersPage />} />} />
        <Route path="/customers/:id" element={<AdminOnly page={<CustomerPage />} />} />
        <Route path="/promo-codes" element={<AdminOnly page={<PromoCodesPage />} />} />
        <Route path="/privacy" element={<AdminOnly page={<PrivacyPage />} />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </BrowserRouter>
  );
}

function AdminOnly({ page }: { page: React.ReactElement }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session || session.role !== 'ADMIN') {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return page;
}

function Header() {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  return (
    <header className="site-header admin">
      <span className="brand">Shop admin</span>
      {session?.role === 'ADMIN' && (
        <nav aria-label="Admin">
          <NavLink to="/" end>
            Dashboard
          </NavLink>
          <NavLink to="/orders">Orders</NavLink>
          <NavLink to="/products">Products</NavLink>
          <NavLink to="/categories">Categories</NavLink>
          <NavLink to="/pickup-points">Pickup points</NavLink>
          <NavLink to="/customers">Customers</NavLink>
          <NavLink to="/promo-codes">Promo codes</NavLink>
          <NavLink to="/privacy">Privacy</NavLink>
          <button
            type="button"
            className="link"
            onClick={async () => {
              await signOut();
              navigate('/sign-in');
            }}
          >
            Sign out
          </button>
        </nav>
      )}
    </header>
  );
}

function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { lastChange } = useSession();
  return (
    <main id="main" className="page narrow">
      <h1 id="sign-in-title">Sign in to the admin console</h1>
      {lastChange === 'expired' && (
        <p className="alert warning" role="alert">
          Your session has expired. Please sign in again.
        </p>
      )}
      <SignInForm
        accept={(s) => (s.role === 'ADMIN' ? null : 'This account is not an administrator.')}
        onSignedIn={() => navigate(safeNext(params.get('next')), { replace: true })}
      />
    </main>
  );
}
