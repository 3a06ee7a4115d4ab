import { Link } from 'react-router';
import { $api } from '../api';
import { Empty, Loading, ProblemNote } from '../ui';
import { OrdersTable } from './orders';

export const DashboardPage = () => {
  const waiting = $api.useQuery('get', '/orders', { params: { query: { status: 'confirmed', limit: 10 } } });
  return (
    <section>
      <h1>Dashboard</h1>
      <article>
        <h2>Waiting to ship</h2>
        {waiting.isPending ? <Loading what="confirmed orders" /> : null}
        <ProblemNote error={waiting.error} />
        {waiting.data ? (
          waiting.data.items.length === 0 ? (
            <Empty>No confirmed orders are waiting.</Empty>
          ) : (
            <>
              <OrdersTable orders={waiting.data.items} />
              <Link to="/orders?status=confirmed">All confirmed orders →</Link>
            </>
          )
        ) : null}
      </article>
    </section>
  );
};
