import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { $api, money, type paths, type Problem, type Product } from '../api';
import { Empty, FieldError, formValues, invalid, Loading, Pager, ProblemNote, useFilters } from '../ui';

type Query = NonNullable<paths['/products']['get']['parameters']['query']>;
const SORTS = [
  ['createdAt', 'Oldest first'],
  ['-createdAt', 'Newest first'],
  ['name', 'Name A–Z'],
  ['-name', 'Name Z–A'],
  ['price', 'Price, lowest first'],
  ['-price', 'Price, highest first'],
] as const satisfies readonly (readonly [NonNullable<Query['sort']>, string])[];
const STATUSES = ['active', 'archived', 'all'] as const satisfies readonly NonNullable<Query['status']>[];
const pick = <T extends string>(allowed: readonly T[], value: string): T | undefined => allowed.find((a) => a === value);

export const ProductsTable = ({ products }: { products: Product[] }) => (
  <div className="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Name</th>
          <th scope="col">Price</th>
          <th scope="col">Stock</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {products.map((p) => (
          <tr key={p.id}>
            <td>
              <Link to={`/products/${p.id}`}>{p.sku}</Link>
            </td>
            <td>{p.name}</td>
            <td>{money(p.price)}</td>
            <td>{p.stock}</td>
            <td>{p.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const CreateProduct = () => {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = $api.useMutation('post', '/products', {
    onSuccess: (product) => {
      void queryClient.invalidateQueries({ queryKey: ['get', '/products'] });
      void navigate(`/products/${product.id}`);
    },
  });
  const problem = create.error as Problem | null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    create.mutate({
      body: {
        sku: v.sku ?? '',
        name: v.name ?? '',
        description: v.description ?? '',
        price: { amount: v.amount ?? '', currency: (v.currency ?? '').toUpperCase() },
        stock: Number(v.stock ?? '0'),
      },
    });
  };
  return (
    <details>
      <summary role="button" className="secondary">
        New product
      </summary>
      <form onSubmit={submit} aria-label="New product">
        <div className="filters">
          <label>
            SKU
            <input name="sku" required {...invalid(problem, 'sku', 'new-sku-error')} />
            <FieldError problem={problem} field="sku" id="new-sku-error" />
          </label>
          <label>
            Name
            <input name="name" required {...invalid(problem, 'name', 'new-name-error')} />
            <FieldError problem={problem} field="name" id="new-name-error" />
          </label>
          <label>
            Price
            <input name="amount" inputMode="decimal" placeholder="10.99" required {...invalid(problem, 'price/amount', 'new-amount-error')} />
            <FieldError problem={problem} field="price/amount" id="new-amount-error" />
          </label>
          <label>
            Currency
            <input name="currency" defaultValue="USD" maxLength={3} required {...invalid(problem, 'price/currency', 'new-currency-error')} />
            <FieldError problem={problem} field="price/currency" id="new-currency-error" />
          </label>
          <label>
            Stock
            <input name="stock" type="number" min={0} step={1} defaultValue={0} required {...invalid(problem, 'stock', 'new-stock-error')} />
            <FieldError problem={problem} field="stock" id="new-stock-error" />
          </label>
        </div>
        <label>
          Description
          <textarea name="description" rows={3} maxLength={5000} {...invalid(problem, 'description', 'new-description-error')} />
          <FieldError problem={problem} field="description" id="new-description-error" />
        </label>
        {problem && problem.status !== 422 ? <ProblemNote error={problem} /> : null}
        <button type="submit" aria-busy={create.isPending}>
          Create product
        </button>
      </form>
    </details>
  );
};

export const ProductsPage = () => {
  const { values, cursor, set } = useFilters(['q', 'status', 'sort', 'inStock', 'currency', 'minPrice', 'maxPrice'] as const);
  const sort = pick(SORTS.map(([s]) => s), values.sort);
  const status = pick(STATUSES, values.status);
  const currency = values.currency.toUpperCase();
  const query = $api.useQuery('get', '/products', {
    params: {
      query: {
        limit: 50,
        ...(values.q ? { q: values.q } : {}),
        ...(status ? { status } : {}),
        ...(sort ? { sort } : {}),
        ...(values.inStock === 'true' ? { inStock: true } : {}),
        ...(currency ? { currency } : {}),
        ...(values.minPrice ? { minPrice: values.minPrice } : {}),
        ...(values.maxPrice ? { maxPrice: values.maxPrice } : {}),
        ...(cursor ? { cursor } : {}),
      },
    },
  });
  const problem = query.error as Problem | null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    set({ q: v.q?.trim(), currency: v.currency?.trim().toUpperCase(), minPrice: v.minPrice?.trim(), maxPrice: v.maxPrice?.trim() });
  };
  return (
    <section>
      <h1>Products</h1>
      <CreateProduct />
      <form className="filters" aria-label="Search products" role="search" onSubmit={submit} key={`${values.q}|${values.currency}|${values.minPrice}|${values.maxPrice}`}>
        <label>
          Name or SKU
          <input name="q" type="search" defaultValue={values.q} {...invalid(problem, 'q', 'q-error')} />
          <FieldError problem={problem} field="q" id="q-error" />
        </label>
        <label>
          Status
          <select name="status" value={status ?? ''} onChange={(e) => set({ status: e.target.value })}>
            <option value="">Active (default)</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort
          <select name="sort" value={sort ?? ''} onChange={(e) => set({ sort: e.target.value })}>
            <option value="">Oldest first (default)</option>
            {SORTS.map(([s, label]) => (
              <option key={s} value={s}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input name="inStock" type="checkbox" role="switch" checked={values.inStock === 'true'} onChange={(e) => set({ inStock: e.target.checked ? 'true' : '' })} />
          In stock only
        </label>
        <label>
          Currency
          <input name="currency" defaultValue={values.currency} maxLength={3} {...invalid(problem, 'currency', 'currency-filter-error')} />
          <FieldError problem={problem} field="currency" id="currency-filter-error" />
        </label>
        <label>
          Min price
          <input name="minPrice" inputMode="decimal" defaultValue={values.minPrice} {...invalid(problem, 'minPrice', 'min-error')} />
          <FieldError problem={problem} field="minPrice" id="min-error" />
        </label>
        <label>
          Max price
          <input name="maxPrice" inputMode="decimal" defaultValue={values.maxPrice} {...invalid(problem, 'maxPrice', 'max-error')} />
          <FieldError problem={problem} field="maxPrice" id="max-error" />
        </label>
        <button type="submit">Search</button>
      </form>
      {query.isPending ? <Loading what="products" /> : null}
      {problem && problem.status !== 422 ? <ProblemNote error={problem} /> : null}
      {query.data ? (
        query.data.items.length === 0 ? (
          <Empty>No products match.</Empty>
        ) : (
          <>
            <ProductsTable products={query.data.items} />
            <Pager cursor={cursor} nextCursor={query.data.nextCursor} onPage={(c) => set({ cursor: c }, true)} />
          </>
        )
      ) : null}
    </section>
  );
};
