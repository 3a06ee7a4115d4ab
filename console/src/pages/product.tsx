import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { $api, dateTime, money, type Problem, type Product } from '../api';
import { FieldError, formValues, invalid, Loading, ProblemNote } from '../ui';

const EditProduct = ({ product }: { product: Product }) => {
  const queryClient = useQueryClient();
  const update = $api.useMutation('patch', '/products/{id}', {
    onSuccess: (next) => {
      queryClient.setQueryData($api.queryOptions('get', '/products/{id}', { params: { path: { id: product.id } } }).queryKey, next);
      void queryClient.invalidateQueries({ queryKey: ['get', '/products'] });
    },
  });
  const problem = update.error as Problem | null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    update.mutate({
      params: { path: { id: product.id } },
      body: {
        name: v.name ?? '',
        price: { amount: v.amount ?? '', currency: (v.currency ?? '').toUpperCase() },
        stock: Number(v.stock ?? '0'),
      },
    });
  };
  return (
    <form onSubmit={submit} aria-label="Edit product" key={product.createdAt}>
      <h2>Edit</h2>
      <div className="filters">
        <label>
          Name
          <input name="name" defaultValue={product.name} required {...invalid(problem, 'name', 'name-error')} />
          <FieldError problem={problem} field="name" id="name-error" />
        </label>
        <label>
          Price
          <input name="amount" inputMode="decimal" defaultValue={product.price.amount} required {...invalid(problem, 'price/amount', 'amount-error')} />
          <FieldError problem={problem} field="price/amount" id="amount-error" />
        </label>
        <label>
          Currency
          <input name="currency" defaultValue={product.price.currency} maxLength={3} required {...invalid(problem, 'price/currency', 'currency-error')} />
          <FieldError problem={problem} field="price/currency" id="currency-error" />
        </label>
        <label>
          Stock
          <input name="stock" type="number" min={0} step={1} defaultValue={product.stock} required {...invalid(problem, 'stock', 'stock-error')} />
          <FieldError problem={problem} field="stock" id="stock-error" />
        </label>
      </div>
      {problem && problem.status !== 422 ? <ProblemNote error={problem} /> : null}
      {update.isSuccess ? <p role="status">Saved.</p> : null}
      <button type="submit" aria-busy={update.isPending}>
        Save
      </button>
    </form>
  );
};

export const ProductPage = () => {
  const { id = '' } = useParams();
  const query = $api.useQuery('get', '/products/{id}', { params: { path: { id } } });
  if (query.isPending) return <Loading what="the product" />;
  if (!query.data) return <ProblemNote error={query.error} />;
  const product = query.data;
  return (
    <section>
      <p>
        <Link to="/products">← Products</Link>
      </p>
      <h1>
        {product.name} <small>{product.sku}</small>
      </h1>
      <p>
        {money(product.price)} · stock {product.stock} · created {dateTime(product.createdAt)}
      </p>
      <EditProduct product={product} />
    </section>
  );
};
