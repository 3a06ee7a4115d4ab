import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { $api, dateTime, money, type Problem, type Product } from '../api';
import { Empty, FieldError, formValues, invalid, Loading, Pager, ProblemNote } from '../ui';

/** After any change of a product: its page, the lists and its ledger show the new state. */
const useProductChanged = (id: string) => {
  const queryClient = useQueryClient();
  return (next: Product) => {
    queryClient.setQueryData($api.queryOptions('get', '/products/{id}', { params: { path: { id } } }).queryKey, next);
    void queryClient.invalidateQueries({ queryKey: ['get', '/products'] });
    void queryClient.invalidateQueries({ queryKey: ['get', '/products/{id}/stock-movements'] });
  };
};

const EditProduct = ({ product }: { product: Product }) => {
  const update = $api.useMutation('patch', '/products/{id}', { onSuccess: useProductChanged(product.id) });
  const problem = update.error as Problem | null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    const stock = Number(v.stock ?? '');
    update.mutate({
      params: { path: { id: product.id } },
      body: {
        name: v.name ?? '',
        description: v.description ?? '',
        price: { amount: v.amount ?? '', currency: (v.currency ?? '').toUpperCase() },
        // Sent only when changed: setting the stock writes a `set` movement in the ledger.
        ...(v.stock !== String(product.stock) ? { stock: v.stock === '' ? Number.NaN : stock } : {}),
      },
    });
  };
  return (
    <form onSubmit={submit} aria-label="Edit product" key={product.updatedAt}>
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
          Stock (set to)
          <input name="stock" type="number" min={0} step={1} defaultValue={product.stock} required {...invalid(problem, 'stock', 'stock-error')} />
          <FieldError problem={problem} field="stock" id="stock-error" />
        </label>
      </div>
      <label>
        Description
        <textarea name="description" rows={4} maxLength={5000} defaultValue={product.description} {...invalid(problem, 'description', 'description-error')} />
        <FieldError problem={problem} field="description" id="description-error" />
      </label>
      {problem && problem.status !== 422 ? <ProblemNote error={problem} /> : null}
      {update.isSuccess ? <p role="status">Saved.</p> : null}
      <button type="submit" aria-busy={update.isPending}>
        Save
      </button>
    </form>
  );
};

/** Stock changes go through adjustments (a signed delta and a reason), so the ledger says why. */
const AdjustStock = ({ product }: { product: Product }) => {
  const adjust = $api.useMutation('post', '/products/{id}/stock-adjustments', { onSuccess: useProductChanged(product.id) });
  const problem = adjust.error as Problem | null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    adjust.mutate({ params: { path: { id: product.id } }, body: { delta: Number(v.delta ?? ''), reason: v.reason ?? '' } }, { onSuccess: () => form.reset() });
  };
  return (
    <form onSubmit={submit} aria-label="Adjust stock">
      <h2>Adjust stock</h2>
      <div className="filters">
        <label>
          Change (+ adds, − removes)
          <input name="delta" type="number" step={1} required {...invalid(problem, 'delta', 'delta-error')} />
          <FieldError problem={problem} field="delta" id="delta-error" />
        </label>
        <label>
          Reason
          <input name="reason" required maxLength={200} placeholder="Stock count, damaged, delivery…" {...invalid(problem, 'reason', 'reason-error')} />
          <FieldError problem={problem} field="reason" id="reason-error" />
        </label>
        <button type="submit" aria-busy={adjust.isPending}>
          Adjust
        </button>
      </div>
      {problem && problem.status !== 422 ? <ProblemNote error={problem} /> : null}
    </form>
  );
};

const Movements = ({ id }: { id: string }) => {
  const [cursor, setCursor] = useState<string | undefined>();
  const movements = $api.useQuery('get', '/products/{id}/stock-movements', { params: { path: { id }, query: { limit: 50, ...(cursor ? { cursor } : {}) } } });
  if (movements.isPending) return <Loading what="stock movements" />;
  if (!movements.data) return <ProblemNote error={movements.error} />;
  if (movements.data.items.length === 0) return <Empty>No stock movements.</Empty>;
  return (
    <>
      <div className="table-wrap">
        <table aria-label="Stock movements">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">Change</th>
              <th scope="col">Stock after</th>
              <th scope="col">Reason</th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {movements.data.items.map((m) => (
              <tr key={m.id}>
                <td>{dateTime(m.createdAt)}</td>
                <td>{m.kind.replace('_', ' ')}</td>
                <td>{m.delta > 0 ? `+${m.delta}` : m.delta}</td>
                <td>{m.stockAfter}</td>
                <td>{m.reason}</td>
                <td>{m.orderId ? <Link to={`/orders/${m.orderId}`}>{m.orderId.slice(-12)}</Link> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager cursor={cursor} nextCursor={movements.data.nextCursor} onPage={(c) => setCursor(c || undefined)} />
    </>
  );
};

export const ProductPage = () => {
  const { id = '' } = useParams();
  const query = $api.useQuery('get', '/products/{id}', { params: { path: { id } } });
  const changed = useProductChanged(id);
  const archive = $api.useMutation('post', '/products/{id}/archive', { onSuccess: changed });
  const unarchive = $api.useMutation('post', '/products/{id}/unarchive', { onSuccess: changed });
  if (query.isPending) return <Loading what="the product" />;
  if (!query.data) return <ProblemNote error={query.error} />;
  const product = query.data;
  const path = { id };
  return (
    <section>
      <p>
        <Link to="/products">← Products</Link>
      </p>
      <h1>
        {product.name} <small>{product.sku}</small>
      </h1>
      <p>
        <span className="status">{product.status}</span> · {money(product.price)} · stock {product.stock} · created {dateTime(product.createdAt)} · updated{' '}
        {dateTime(product.updatedAt)}
      </p>
      <div className="actions">
        {product.status === 'active' ? (
          <button type="button" className="secondary" aria-busy={archive.isPending} onClick={() => archive.mutate({ params: { path } })}>
            Archive (take off sale)
          </button>
        ) : (
          <button type="button" aria-busy={unarchive.isPending} onClick={() => unarchive.mutate({ params: { path } })}>
            Unarchive (back on sale)
          </button>
        )}
      </div>
      <ProblemNote error={archive.error ?? unarchive.error} />
      <EditProduct product={product} />
      <AdjustStock product={product} />
      <h2>Stock movements</h2>
      <Movements id={product.id} />
    </section>
  );
};
