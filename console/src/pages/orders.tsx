import { Link } from 'react-router';
import { $api, dateTime, money, type Order, type paths } from '../api';
import { Empty, Loading, Pager, ProblemNote, useFilters } from '../ui';

type Status = NonNullable<NonNullable<paths['/orders']['get']['parameters']['query']>['status']>;
export const STATUSES = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const satisfies readonly Status[];
const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);

const DAY = 86_400_000;
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
/** The form's dates are UTC days; "until" is inclusive, the API's createdTo exclusive. */
const startOf = (day: string) => `${day}T00:00:00Z`;
const dayAfter = (day: string) => new Date(Date.parse(startOf(day)) + DAY).toISOString().replace('.000Z', 'Z');

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

/**
 * The API filters orders by customer id; staff know an email. The console looks the email up
 * (GET /users?q=) and filters by the account it names: an exact match, or the only match.
 */
const useCustomer = (email: string) => {
  const users = $api.useQuery('get', '/users', { params: { query: { q: email, limit: 20 } } }, { enabled: email !== '' });
  const items = users.data?.items ?? [];
  const exact = items.find((u) => u.email.toLowerCase() === email.toLowerCase()) ?? (items.length === 1 ? items[0] : undefined);
  return { pending: email !== '' && users.isPending, exact, candidates: exact ? [] : items, error: users.error };
};

export const OrdersPage = () => {
  const { values, cursor, set } = useFilters(['status', 'customer', 'from', 'until', 'limit'] as const);
  const limit = pageSize(values.limit);
  const status = isStatus(values.status) ? values.status : undefined;
  const customer = useCustomer(values.customer.trim());
  const noSuchCustomer = values.customer !== '' && !customer.pending && !customer.exact;
  const query = $api.useQuery(
    'get',
    '/orders',
    {
      params: {
        query: {
          limit,
          ...(status ? { status } : {}),
          ...(customer.exact ? { customerId: customer.exact.id } : {}),
          ...(isDay(values.from) ? { createdFrom: startOf(values.from) } : {}),
          ...(isDay(values.until) ? { createdTo: dayAfter(values.until) } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
    },
    { enabled: !customer.pending && !noSuchCustomer },
  );

  return (
    <section>
      <h1>Orders</h1>
      <form
        className="filters"
        aria-label="Filter orders"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ customer: String(new FormData(e.currentTarget).get('customer') ?? '').trim() });
        }}
      >
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
        <label>
          Customer email
          <input name="customer" type="search" defaultValue={values.customer} key={values.customer} placeholder="ada@example.com" />
        </label>
        <label>
          Created from
          <input name="from" type="date" value={values.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          Created until (inclusive)
          <input name="until" type="date" value={values.until} onChange={(e) => set({ until: e.target.value })} />
        </label>
        <button type="submit">Find</button>
      </form>
      <ProblemNote error={customer.error} />
      {noSuchCustomer ? (
        customer.candidates.length > 0 ? (
          <nav aria-label="Matching customers">
            Several accounts match: {customer.candidates.map((u) => (
              <button key={u.id} type="button" className="outline" onClick={() => set({ customer: u.email })}>
                {u.email}
              </button>
            ))}
          </nav>
        ) : (
          <Empty>No account matches “{values.customer}”.</Empty>
        )
      ) : null}
      {query.isFetching && !query.data ? <Loading what="orders" /> : null}
      <ProblemNote error={query.error} />
      {query.data && !noSuchCustomer ? (
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
