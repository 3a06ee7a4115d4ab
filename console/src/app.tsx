import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { fetchClient, type User } from './api';
import { CustomersPage } from './pages/customers';
import { DashboardPage } from './pages/dashboard';
import { HealthPage } from './pages/health';
import { OrderPage } from './pages/order';
import { OrdersPage } from './pages/orders';
import { ProductPage } from './pages/product';
import { ProductsPage } from './pages/products';
import { SignInPage } from './pages/sign-in';
import { WebhooksPage } from './pages/webhooks';
import { session } from './session';
import { Loading } from './ui';

type Who = { state: 'checking' } | { state: 'out'; notice?: string } | { state: 'in'; user: User };

export const NO_ACCESS = 'This account has no access to the admin console: it is for staff (admin accounts) only.';

/** Who is signed in: asks GET /users/me; a non-admin is signed out again (its session revoked) and told why. */
const whoAmI = async (): Promise<Who> => {
  const { data } = await fetchClient.GET('/users/me');
  if (!data) return { state: 'out' };
  if (data.role !== 'admin') {
    await session.signOut();
    return { state: 'out', notice: NO_ACCESS };
  }
  return { state: 'in', user: data };
};

export const App = () => {
  const [who, setWho] = useState<Who>(session.signedIn ? { state: 'checking' } : { state: 'out' });
  const queryClient = useQueryClient();

  useEffect(() => {
    if (who.state === 'checking') void whoAmI().then(setWho);
  }, [who.state]);
  useEffect(
    () =>
      session.onForget(() => {
        queryClient.clear();
        setWho((w) => (w.state === 'out' ? w : { state: 'out', notice: 'Your session ended: please sign in again.' }));
      }),
    [queryClient],
  );

  if (who.state === 'checking') return <main className="container"><Loading what="your session" /></main>;
  if (who.state === 'out') return <SignInPage notice={who.notice} onSignedIn={() => setWho({ state: 'checking' })} />;

  const signOut = async () => {
    await session.signOut();
    setWho({ state: 'out', notice: 'You are signed out.' });
  };
  return (
    <>
      <header className="container">
        <nav aria-label="Main">
          <ul>
            <li><strong>Orders admin</strong></li>
          </ul>
          <ul>
            <li><NavLink to="/" end>Dashboard</NavLink></li>
            <li><NavLink to="/orders">Orders</NavLink></li>
            <li><NavLink to="/products">Products</NavLink></li>
            <li><NavLink to="/customers">Customers</NavLink></li>
            <li><NavLink to="/webhooks">Webhooks</NavLink></li>
            <li><NavLink to="/health">Health</NavLink></li>
            <li>
              <button type="button" className="secondary outline" onClick={() => void signOut()} title={`Signed in as ${who.user.email}`}>
                Sign out
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main className="container">
        <Routes>
          <Route index element={<DashboardPage />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="orders/:id" element={<OrderPage />} />
          <Route path="products" element={<ProductsPage />} />
          <Route path="products/:id" element={<ProductPage />} />
          <Route path="customers" element={<CustomersPage />} />
          <Route path="webhooks/*" element={<WebhooksPage />} />
          <Route path="health" element={<HealthPage />} />
          <Route path="*" element={<p>No such page. <NavLink to="/">Back to the dashboard</NavLink></p>} />
        </Routes>
      </main>
      <footer className="container">
        <small>Signed in as {who.user.email}</small>
      </footer>
    </>
  );
};
