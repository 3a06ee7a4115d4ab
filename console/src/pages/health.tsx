import { useQuery } from '@tanstack/react-query';
import { $api } from '../api';
import { sample } from '../metrics';
import { Loading } from '../ui';

/**
 * The outbox backlog comes from /metrics (Prometheus text, not part of the typed API):
 * when METRICS_PORT moves it off this port, the page says so instead of guessing.
 */
const useOutbox = () =>
  useQuery({
    queryKey: ['metrics'],
    queryFn: async () => {
      const res = await fetch('/metrics');
      if (!res.ok) return null;
      const text = await res.text();
      return { pending: sample(text, 'outbox_rows{status="pending"}'), dead: sample(text, 'outbox_rows{status="dead"}') };
    },
    refetchInterval: 10_000,
  });

export const HealthPage = () => {
  const ready = $api.useQuery('get', '/health/ready', {}, { refetchInterval: 10_000 });
  const outbox = useOutbox();
  const readiness = ready.data?.status ?? (ready.error ? 'unavailable' : undefined);
  return (
    <section>
      <h1>Health</h1>
      <article>
        <h2>Readiness</h2>
        {readiness === undefined ? <Loading what="readiness" /> : <p className="status">{readiness === 'ok' ? 'Ready: the database answers.' : 'Not ready: the database does not answer.'}</p>}
      </article>
      <article>
        <h2>Outbox</h2>
        {outbox.isPending ? (
          <Loading what="the outbox counts" />
        ) : outbox.data && outbox.data.pending !== undefined ? (
          <dl>
            <dt>Pending (waiting to be delivered)</dt>
            <dd>{outbox.data.pending}</dd>
            <dt>Dead (gave up after every retry)</dt>
            <dd>{outbox.data.dead ?? 0}</dd>
          </dl>
        ) : (
          <p className="empty">The outbox counts are published on /metrics, which this server serves on a separate port (METRICS_PORT) or not at all.</p>
        )}
      </article>
    </section>
  );
};
