import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { $api, asProblem, dateTime, money, type Order } from '../api';
import { Loading, ProblemNote } from '../ui';

/** If-Match for a change: the ETag is the order's version as a strong tag (`"3"`). */
const ifMatch = (order: Order) => ({ 'if-match': `"${order.version}"` });

/** A line's product by name (each product is fetched once and cached by React Query). */
const ProductName = ({ id }: { id: string }) => {
  const product = $api.useQuery('get', '/products/{id}', { params: { path: { id } } });
  return <Link to={`/products/${id}`}>{product.data ? `${product.data.name} (${product.data.sku})` : id.slice(-12)}</Link>;
};

const CustomerEmail = ({ id }: { id: string }) => {
  const user = $api.useQuery('get', '/users/{id}', { params: { path: { id } } });
  return user.data ? <Link to={`/customers?q=${encodeURIComponent(user.data.email)}`}>{user.data.email}</Link> : <code>{id}</code>;
};

export const CHANGED_MEANWHILE = 'This order changed meanwhile (someone else acted on it). It has been reloaded: check it and try again.';

export const OrderPage = () => {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const query = $api.useQuery('get', '/orders/{id}', { params: { path: { id } } });
  const [conflict, setConflict] = useState(false);
  const onError = (error: unknown) => {
    if (asProblem(error).status === 412) {
      setConflict(true);
      void query.refetch();
    }
  };
  const onSuccess = (order: Order) => {
    setConflict(false);
    queryClient.setQueryData($api.queryOptions('get', '/orders/{id}', { params: { path: { id } } }).queryKey, order);
    void queryClient.invalidateQueries({ queryKey: ['get', '/orders'] });
  };
  const cancel = $api.useMutation('post', '/orders/{id}/cancel', { onError, onSuccess });

  if (query.isPending) return <Loading what="the order" />;
  if (!query.data) return <ProblemNote error={query.error} />;
  const order = query.data;
  const failed = cancel.error && asProblem(cancel.error).status !== 412 ? cancel.error : null;

  return (
    <section>
      <p>
        <Link to="/orders">← Orders</Link>
      </p>
      <h1>Order {order.id}</h1>
      <p>
        Status <span className="status">{order.status}</span> · customer <CustomerEmail id={order.customerId} /> · version {order.version} · created{' '}
        {dateTime(order.createdAt)} · updated {dateTime(order.updatedAt)}
      </p>
      {conflict ? (
        <p role="alert" className="problem">
          {CHANGED_MEANWHILE}
        </p>
      ) : null}
      <ProblemNote error={failed} />
      <div className="actions" role="group" aria-label="Order actions">
        {order.status === 'pending' || order.status === 'confirmed' ? (
          <button type="button" className="secondary" aria-busy={cancel.isPending} onClick={() => cancel.mutate({ params: { path: { id }, header: ifMatch(order) } })}>
            Cancel order
          </button>
        ) : null}
      </div>
      <h2>Lines</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit price</th>
              <th scope="col">Line total</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <ProductName id={item.productId} />
                </td>
                <td>{item.quantity}</td>
                <td>{money(item.unitPrice)}</td>
                <td>{money(item.lineTotal)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Total
              </th>
              <td>{money(order.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
};
