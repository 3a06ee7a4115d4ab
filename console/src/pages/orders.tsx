import { Link } from 'react-router';
import { $api, dateTime, money, type Order } from '../api';
import { Empty, Loading, Pager, ProblemNote, useFilters } from '../ui';

const STATUSES = ['pending', 'confirmed', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);

/** Rows per page from the URL (`?limit=`), 1–100 like the API; by default its largest page, 100 rows (they render at once). */
const pageSize = (value: string): number => (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 100 ? Number(value) : 100);

export const OrdersTable = ({ orders }: { orders: Order[] }) => (
  <div className="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Status</th>
          <th scope="col">Items</th>
          <th scope="col">Total</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.id}>
            <td>
              <Link to={`/orders/${o.id}`}>{o.id.slice(-12)}</Link>
            </td>
            <td className="status">{o.status}</td>
            <td>{o.items.reduce((n, i) => n + i.quantity, 0)}</td>
            <td>{money(o.total)}</td>
            <td>{dateTime(o.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const OrdersPage = () => {
  const { values, cursor, set } = useFilters(['status', 'limit'] as const);
  const limit = pageSize(values.limit);
  const status = isStatus(values.status) ? values.status : undefined;
  const query = $api.useQuery('get', '/orders', { params: { query: { limit, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } } });

  return (
    <section>
      <h1>Orders</h1>
      <form className="filters" aria-label="Filter orders" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select name="status" value={values.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </form>
      {query.isPending ? <Loading what="orders" /> : null}
      <ProblemNote error={query.error} />
      {query.data ? (
        query.data.items.length === 0 ? (
          <Empty>No orders match these filters.</Empty>
        ) : (
          <>
            <OrdersTable orders={query.data.items} />
            <Pager cursor={cursor} nextCursor={query.data.nextCursor} onPage={(c) => set({ cursor: c }, true)} />
          </>
        )
      ) : null}
    </section>
  );
};
