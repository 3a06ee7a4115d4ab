import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { $api, asProblem, dateTime, type Problem, type Schemas } from '../api';
import { Empty, FieldError, formValues, invalid, Loading, Pager, ProblemNote, useFilters } from '../ui';

type Endpoint = Schemas['WebhookEndpoint'];
type EventType = Endpoint['events'][number];
type DeliveryStatus = Schemas['WebhookDelivery']['status'];

export const EVENT_TYPES = [
  'order.created',
  'order.confirmed',
  'order.shipped',
  'order.delivered',
  'order.cancelled',
  'product.archived',
  'stock.low',
  'user.registered',
] as const satisfies readonly EventType[];
// Every event type the API knows is offered: a new one fails the type-check here until it is listed.
const everyEventListed: Exclude<EventType, (typeof EVENT_TYPES)[number]> extends never ? true : false = true;
void everyEventListed;
const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const satisfies readonly DeliveryStatus[];

/** The secret, shown once: a read-only field (select and copy by hand) and a copy button where the browser allows the clipboard. */
const SecretOnce = ({ secret, onDone }: { secret: string; onDone: () => void }) => {
  const [copied, setCopied] = useState(false);
  const canCopy = typeof navigator !== 'undefined' && navigator.clipboard !== undefined;
  return (
    <article role="status" aria-label="Signing secret">
      <h3>Signing secret — shown only now</h3>
      <p>Store it where the receiver can read it: the API will never show it again.</p>
      <label>
        Secret
        <input readOnly value={secret} className="secret" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="actions">
        {canCopy ? (
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard.writeText(secret).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy secret'}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </article>
  );
};

const CreateEndpoint = () => {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const create = $api.useMutation('post', '/webhooks', {
    onSuccess: (created) => {
      setSecret(created.secret);
      void queryClient.invalidateQueries({ queryKey: ['get', '/webhooks'] });
    },
  });
  const problem = create.error as Problem | null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const events = new FormData(form).getAll('events').filter((e): e is EventType => EVENT_TYPES.some((t) => t === e));
    create.mutate({ body: { url: v.url ?? '', events, ...(v.description ? { description: v.description } : {}) } }, { onSuccess: () => form.reset() });
  };
  if (secret !== null) return <SecretOnce secret={secret} onDone={() => setSecret(null)} />;
  return (
    <details>
      <summary role="button" className="secondary">
        New endpoint
      </summary>
      <form onSubmit={submit} aria-label="New endpoint">
        <label>
          URL
          <input name="url" type="url" required placeholder="https://example.com/hooks/orders" {...invalid(problem, 'url', 'url-error')} />
          <FieldError problem={problem} field="url" id="url-error" />
        </label>
        <label>
          Description
          <input name="description" {...invalid(problem, 'description', 'description-error')} />
          <FieldError problem={problem} field="description" id="description-error" />
        </label>
        <fieldset {...invalid(problem, 'events', 'events-error')}>
          <legend>Events</legend>
          {EVENT_TYPES.map((t) => (
            <label key={t}>
              <input type="checkbox" name="events" value={t} /> {t}
            </label>
          ))}
        </fieldset>
        <FieldError problem={problem} field="events" id="events-error" />
        {problem && problem.status !== 422 ? <ProblemNote error={problem} /> : null}
        <button type="submit" aria-busy={create.isPending}>
          Create endpoint
        </button>
      </form>
    </details>
  );
};

const EndpointRow = ({ endpoint }: { endpoint: Endpoint }) => {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['get', '/webhooks'] });
  const patch = $api.useMutation('patch', '/webhooks/{id}', { onSuccess: refresh });
  const remove = $api.useMutation('delete', '/webhooks/{id}', { onSuccess: refresh });
  const [sure, setSure] = useState(false);
  const path = { id: endpoint.id };
  const error = patch.error ?? remove.error;
  return (
    <tr>
      <td>
        <Link to={`/webhooks/${endpoint.id}`}>{endpoint.url}</Link>
        {endpoint.description ? <small> — {endpoint.description}</small> : null}
      </td>
      <td>{endpoint.events.join(', ')}</td>
      <td>{endpoint.isActive ? 'enabled' : 'disabled'}</td>
      <td className="actions">
        <button type="button" className="outline" aria-busy={patch.isPending} onClick={() => patch.mutate({ params: { path }, body: { isActive: !endpoint.isActive } })} aria-label={`${endpoint.isActive ? 'Disable' : 'Enable'} ${endpoint.url}`}>
          {endpoint.isActive ? 'Disable' : 'Enable'}
        </button>
        {sure ? (
          <button type="button" className="secondary" aria-busy={remove.isPending} onClick={() => remove.mutate({ params: { path } })} aria-label={`Really delete ${endpoint.url}`}>
            Really delete
          </button>
        ) : (
          <button type="button" className="secondary outline" onClick={() => setSure(true)} aria-label={`Delete ${endpoint.url}`}>
            Delete
          </button>
        )}
        {error ? <small className="problem">{asProblem(error).detail}</small> : null}
      </td>
    </tr>
  );
};

const EndpointList = () => {
  const { cursor, set } = useFilters([] as const);
  const list = $api.useQuery('get', '/webhooks', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } });
  return (
    <section>
      <h1>Webhooks</h1>
      <CreateEndpoint />
      {list.isPending ? <Loading what="endpoints" /> : null}
      <ProblemNote error={list.error} />
      {list.data ? (
        list.data.items.length === 0 ? (
          <Empty>No webhook endpoints yet.</Empty>
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">URL</th>
                    <th scope="col">Events</th>
                    <th scope="col">State</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((e) => (
                    <EndpointRow key={e.id} endpoint={e} />
                  ))}
                </tbody>
              </table>
            </div>
            <Pager cursor={cursor} nextCursor={list.data.nextCursor} onPage={(c) => set({ cursor: c }, true)} />
          </>
        )
      ) : null}
    </section>
  );
};

const Deliveries = () => {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const { values, cursor, set } = useFilters(['status'] as const);
  const status = DELIVERY_STATUSES.find((s) => s === values.status);
  const endpoint = $api.useQuery('get', '/webhooks/{id}', { params: { path: { id } } });
  const deliveries = $api.useQuery(
    'get',
    '/webhooks/{id}/deliveries',
    { params: { path: { id }, query: { limit: 50, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } } },
    { refetchInterval: 5_000 },
  );
  const retry = $api.useMutation('post', '/webhooks/{id}/deliveries/{deliveryId}/retry', {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['get', '/webhooks/{id}/deliveries'] }),
  });
  return (
    <section>
      <p>
        <Link to="/webhooks">← Webhooks</Link>
      </p>
      <h1>Deliveries</h1>
      {endpoint.data ? (
        <p>
          To <code>{endpoint.data.url}</code> · {endpoint.data.isActive ? 'enabled' : 'disabled'} · {endpoint.data.events.join(', ')}
        </p>
      ) : (
        <ProblemNote error={endpoint.error} />
      )}
      <form className="filters" aria-label="Filter deliveries" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select name="status" value={status ?? ''} onChange={(e) => set({ status: e.target.value })}>
            <option value="">All</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ProblemNote error={retry.error} />
      {deliveries.isPending ? <Loading what="deliveries" /> : null}
      <ProblemNote error={deliveries.error} />
      {deliveries.data ? (
        deliveries.data.items.length === 0 ? (
          <Empty>No deliveries yet.</Empty>
        ) : (
          <>
            <div className="table-wrap">
              <table aria-label="Deliveries">
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Last HTTP status</th>
                    <th scope="col">Last attempt</th>
                    <th scope="col">Next attempt</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.data.items.map((d) => (
                    <tr key={d.id}>
                      <td>{d.eventType}</td>
                      <td className="status">{d.status}</td>
                      <td>{d.attempts}</td>
                      <td>{d.lastStatusCode ?? '—'}</td>
                      <td>{d.lastAttemptAt ? dateTime(d.lastAttemptAt) : '—'}</td>
                      <td>{d.nextAttemptAt ? dateTime(d.nextAttemptAt) : '—'}</td>
                      <td>
                        {d.status === 'failed' ? (
                          <button type="button" className="outline" aria-busy={retry.isPending} onClick={() => retry.mutate({ params: { path: { id, deliveryId: d.id } } })}>
                            Retry
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager cursor={cursor} nextCursor={deliveries.data.nextCursor} onPage={(c) => set({ cursor: c }, true)} />
          </>
        )
      ) : null}
    </section>
  );
};

export const WebhooksPage = () => (
  <Routes>
    <Route index element={<EndpointList />} />
    <Route path=":id" element={<Deliveries />} />
  </Routes>
);
