import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { $api, money, type Problem, type Product } from '../api';
import { Empty, FieldError, formValues, invalid, Loading, Pager, ProblemNote, useFilters } from '../ui';

export const ProductsTable = ({ products }: { products: Product[] }) => (
  <div className="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Name</th>
          <th scope="col">Price</th>
          <th scope="col">Stock</th>
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
        {problem && problem.status !== 422 ? <ProblemNote error={problem} /> : null}
        <button type="submit" aria-busy={create.isPending}>
          Create product
        </button>
      </form>
    </details>
  );
};

export const ProductsPage = () => {
  const { cursor, set } = useFilters([] as const);
  const query = $api.useQuery('get', '/products', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } });
  const [showNew] = useState(true);
  return (
    <section>
      <h1>Products</h1>
      {showNew ? <CreateProduct /> : null}
      {query.isPending ? <Loading what="products" /> : null}
      <ProblemNote error={query.error} />
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
