import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { $api, asProblem, dateTime, money, type Order, type Problem } from '../api';
import { Empty, FieldError, formValues, invalid, Loading, ProblemNote } from '../ui';

/** If-Match for a change: the ETag is the order's version as a strong tag (`"3"`). */
const ifMatch = (order: Order) => ({ 'if-match': `"${order.version}"` });

export const CHANGED_MEANWHILE = 'This order changed meanwhile (someone else acted on it). It has been reloaded: check it and try again.';

/** A line's product by name (each product is fetched once and cached by React Query). */
const ProductName = ({ id }: { id: string }) => {
  const product = $api.useQuery('get', '/products/{id}', { params: { path: { id } } });
  return <Link to={`/products/${id}`}>{product.data ? `${product.data.name} (${product.data.sku})` : id.slice(-12)}</Link>;
};

const CustomerEmail = ({ id }: { id: string }) => {
  const user = $api.useQuery('get', '/users/{id}', { params: { path: { id } } });
  return user.data ? <Link to={`/orders?customer=${encodeURIComponent(user.data.email)}`}>{user.data.email}</Link> : <code>{id}</code>;
};

const History = ({ id }: { id: string }) => {
  const history = $api.useQuery('get', '/orders/{id}/history', { params: { path: { id } } });
  if (history.isPending) return <Loading what="the history" />;
  if (!history.data) return <ProblemNote error={history.error} />;
  if (history.data.items.length === 0) return <Empty>No history.</Empty>;
  return (
    <ol className="timeline" aria-label="History">
      {history.data.items.map((e) => (
        <li key={e.version}>
          <strong>{e.type.replace('_', ' ')}</strong> · {dateTime(e.at)} · by {e.actor.role} · version {e.version}
          {e.quantity !== undefined ? ` · quantity ${e.quantity}` : ''}
          {e.carrier ? ` · ${e.carrier}` : ''}
          {e.trackingNumber ? ` · tracking ${e.trackingNumber}` : ''}
        </li>
      ))}
    </ol>
  );
};

export const OrderPage = () => {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const query = $api.useQuery('get', '/orders/{id}', { params: { path: { id } } });
  const [conflict, setConflict] = useState(false);
  const onError = (error: unknown) => {
    if (asProblem(error).status === 412) {
      setConflict(true);
      void query.refetch();
      void queryClient.invalidateQueries({ queryKey: ['get', '/orders/{id}/history'] });
    }
  };
  const onSuccess = (order: Order) => {
    setConflict(false);
    queryClient.setQueryData($api.queryOptions('get', '/orders/{id}', { params: { path: { id } } }).queryKey, order);
    void queryClient.invalidateQueries({ queryKey: ['get', '/orders'] });
    void queryClient.invalidateQueries({ queryKey: ['get', '/orders/{id}/history'] });
  };
  const confirm = $api.useMutation('post', '/orders/{id}/confirm', { onError, onSuccess });
  const cancel = $api.useMutation('post', '/orders/{id}/cancel', { onError, onSuccess });
  const ship = $api.useMutation('post', '/orders/{id}/ship', { onError, onSuccess });
  const deliver = $api.useMutation('post', '/orders/{id}/deliver', { onError, onSuccess });

  if (query.isPending) return <Loading what="the order" />;
  if (!query.data) return <ProblemNote error={query.error} />;
  const order = query.data;
  const can = new Set(order.allowedActions);
  const failure = [confirm, cancel, ship, deliver].map((m) => m.error).find((e) => e && asProblem(e).status !== 412) ?? null;
  const shipProblem = ship.error as Problem | null;
  const path = { id };
  const busy = confirm.isPending || cancel.isPending || ship.isPending || deliver.isPending;

  const submitShipment = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    ship.mutate({
      params: { path, header: ifMatch(order) },
      body: { ...(v.carrier ? { carrier: v.carrier } : {}), ...(v.trackingNumber ? { trackingNumber: v.trackingNumber } : {}) },
    });
  };

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
      {failure && failure !== shipProblem ? <ProblemNote error={failure} /> : null}
      {/* Only what the API says this admin may do now: the console never guesses the state machine. */}
      {can.has('confirm') || can.has('cancel') || can.has('deliver') ? (
        <div className="actions" role="group" aria-label="Order actions">
          {can.has('confirm') ? (
            <button type="button" disabled={busy} onClick={() => confirm.mutate({ params: { path, header: ifMatch(order) } })}>
              Confirm order
            </button>
          ) : null}
          {can.has('deliver') ? (
            <button type="button" disabled={busy} onClick={() => deliver.mutate({ params: { path, header: ifMatch(order) } })}>
              Mark delivered
            </button>
          ) : null}
          {can.has('cancel') ? (
            <button type="button" className="secondary" disabled={busy} onClick={() => cancel.mutate({ params: { path, header: ifMatch(order) } })}>
              Cancel order
            </button>
          ) : null}
        </div>
      ) : null}
      {can.has('ship') ? (
        <form onSubmit={submitShipment} aria-label="Ship">
          <fieldset className="filters">
            <legend>Ship</legend>
            <label>
              Carrier
              <input name="carrier" autoComplete="off" {...invalid(shipProblem, 'carrier', 'carrier-error')} />
              <FieldError problem={shipProblem} field="carrier" id="carrier-error" />
            </label>
            <label>
              Tracking number
              <input name="trackingNumber" autoComplete="off" {...invalid(shipProblem, 'trackingNumber', 'tracking-error')} />
              <FieldError problem={shipProblem} field="trackingNumber" id="tracking-error" />
            </label>
            <button type="submit" disabled={busy}>
              Ship order
            </button>
          </fieldset>
          {shipProblem && shipProblem.status !== 412 && shipProblem.status !== 422 ? <ProblemNote error={shipProblem} /> : null}
        </form>
      ) : null}
      {order.shipment ? (
        <p>
          Shipped {dateTime(order.shipment.shippedAt)}
          {order.shipment.carrier ? ` with ${order.shipment.carrier}` : ''}
          {order.shipment.trackingNumber ? `, tracking ${order.shipment.trackingNumber}` : ''}
          {order.shipment.deliveredAt ? ` · delivered ${dateTime(order.shipment.deliveredAt)}` : ''}
        </p>
      ) : null}
      <h2>Lines</h2>
      {order.items.length === 0 ? (
        <Empty>No lines yet.</Empty>
      ) : (
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
      )}
      <h2>History</h2>
      <History id={order.id} />
    </section>
  );
};
