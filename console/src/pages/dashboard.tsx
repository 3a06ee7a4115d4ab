import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { $api, fetchClient, type Product } from '../api';
import { Empty, Loading, ProblemNote, useFilters } from '../ui';
import { OrdersTable } from './orders';
import { ProductsTable } from './products';
import { SalesSection } from './sales';

/** LOW_STOCK_THRESHOLD's default on the server; the API does not publish the setting, so staff can change it here. */
const DEFAULT_LOW_STOCK = 5;
/** The API cannot filter by stock: the console reads the catalog page by page, up to this many products. */
const SCAN_LIMIT = 2_000;

const useLowStock = (threshold: number) =>
  useQuery({
    queryKey: ['low-stock', threshold],
    queryFn: async () => {
      const low: Product[] = [];
      let cursor: string | undefined;
      let seen = 0;
      do {
        const { data, error } = await fetchClient.GET('/products', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } });
        if (!data) throw error;
        low.push(...data.items.filter((p) => p.stock <= threshold));
        seen += data.items.length;
        cursor = data.nextCursor ?? undefined;
      } while (cursor && seen < SCAN_LIMIT);
      return { low: low.sort((a, b) => a.stock - b.stock), complete: cursor === undefined };
    },
  });

export const DashboardPage = () => {
  const { values, set } = useFilters(['lowStock'] as const);
  const threshold = /^\d{1,6}$/.test(values.lowStock) ? Number(values.lowStock) : DEFAULT_LOW_STOCK;
  const waiting = $api.useQuery('get', '/orders', { params: { query: { status: 'confirmed', limit: 10 } } });
  const low = useLowStock(threshold);
  return (
    <section>
      <h1>Dashboard</h1>
      <SalesSection />
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
      <article>
        <h2>Low stock</h2>
        <form className="actions" aria-label="Low-stock threshold" onSubmit={(e) => e.preventDefault()}>
          <label>
            At or below
            <input type="number" min={0} step={1} name="lowStock" value={threshold} onChange={(e) => set({ lowStock: e.target.value })} />
          </label>
        </form>
        {low.isPending ? <Loading what="stock levels" /> : null}
        <ProblemNote error={low.error} />
        {low.data ? (
          low.data.low.length === 0 ? (
            <Empty>No product has {threshold} or fewer in stock.</Empty>
          ) : (
            <ProductsTable products={low.data.low} />
          )
        ) : null}
        {low.data && !low.data.complete ? <small>Only the first {SCAN_LIMIT} products were checked.</small> : null}
      </article>
    </section>
  );
};
