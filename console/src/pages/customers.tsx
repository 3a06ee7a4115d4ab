import { useQueryClient } from '@tanstack/react-query';
import { $api, asProblem, dateTime, type User } from '../api';
import { Empty, Loading, Pager, ProblemNote, useFilters } from '../ui';

const ActiveToggle = ({ user }: { user: User }) => {
  const queryClient = useQueryClient();
  const done = { onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['get', '/users'] }) };
  const deactivate = $api.useMutation('post', '/users/{id}/deactivate', done);
  const reactivate = $api.useMutation('post', '/users/{id}/reactivate', done);
  const busy = deactivate.isPending || reactivate.isPending;
  const error = deactivate.error ?? reactivate.error;
  return (
    <>
      {user.isActive ? (
        <button type="button" className="secondary outline" aria-busy={busy} onClick={() => deactivate.mutate({ params: { path: { id: user.id } } })} aria-label={`Deactivate ${user.email}`}>
          Deactivate
        </button>
      ) : (
        <button type="button" className="outline" aria-busy={busy} onClick={() => reactivate.mutate({ params: { path: { id: user.id } } })} aria-label={`Reactivate ${user.email}`}>
          Reactivate
        </button>
      )}
      {error ? <small className="problem">{asProblem(error).detail}</small> : null}
    </>
  );
};

export const CustomersPage = () => {
  const { values, cursor, set } = useFilters(['q', 'isActive'] as const);
  const isActive = values.isActive === 'true' ? true : values.isActive === 'false' ? false : undefined;
  const query = $api.useQuery('get', '/users', {
    params: { query: { limit: 50, ...(values.q ? { q: values.q } : {}), ...(isActive !== undefined ? { isActive } : {}), ...(cursor ? { cursor } : {}) } },
  });
  return (
    <section>
      <h1>Customers</h1>
      <form
        className="filters"
        aria-label="Search accounts"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: String(new FormData(e.currentTarget).get('q') ?? '') });
        }}
      >
        <label>
          Email contains
          <input name="q" type="search" defaultValue={values.q} key={values.q} />
        </label>
        <label>
          Accounts
          <select name="isActive" value={values.isActive} onChange={(e) => set({ isActive: e.target.value })}>
            <option value="">Active and inactive</option>
            <option value="true">Active only</option>
            <option value="false">Inactive only</option>
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      {query.isPending ? <Loading what="accounts" /> : null}
      <ProblemNote error={query.error} />
      {query.data ? (
        query.data.items.length === 0 ? (
          <Empty>No accounts match.</Empty>
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Active</th>
                    <th scope="col">Since</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {query.data.items.map((u) => (
                    <tr key={u.id}>
                      <td>{u.email}</td>
                      <td>{u.role}</td>
                      <td>{u.isActive ? 'yes' : 'no'}</td>
                      <td>{dateTime(u.createdAt)}</td>
                      <td>
                        <ActiveToggle user={u} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager cursor={cursor} nextCursor={query.data.nextCursor} onPage={(c) => set({ cursor: c }, true)} />
          </>
        )
      ) : null}
    </section>
  );
};
