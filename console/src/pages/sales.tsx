import { $api, type Problem } from '../api';
import { SalesChart } from '../chart';
import { FieldError, invalid, Loading, ProblemNote, useFilters } from '../ui';

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
/** The form's "until" is the last day shown (inclusive); the API's `to` is the day after (exclusive). */
const nextDay = (day: string) => isoDay(Date.parse(`${day}T00:00:00Z`) + DAY);

/** Sales per day (GET /reports/sales): currency and range in the URL, the last 30 days by default. */
export const SalesSection = () => {
  const { values, set } = useFilters(['currency', 'from', 'until'] as const);
  const today = isoDay(Date.now());
  const currency = /^[A-Za-z]{3}$/.test(values.currency) ? values.currency.toUpperCase() : 'USD';
  const until = isDay(values.until) ? values.until : today;
  const from = isDay(values.from) ? values.from : isoDay(Date.parse(`${until}T00:00:00Z`) - 29 * DAY);
  const report = $api.useQuery('get', '/reports/sales', { params: { query: { currency, from, to: nextDay(until) } } });
  const problem = report.error as Problem | null;
  return (
    <article>
      <h2>Sales per day</h2>
      <form className="filters" aria-label="Sales report" onSubmit={(e) => e.preventDefault()}>
        <label>
          Currency
          <input name="currency" defaultValue={currency} maxLength={3} pattern="[A-Za-z]{3}" onBlur={(e) => set({ currency: e.target.value.toUpperCase() })} onKeyDown={(e) => e.key === 'Enter' && set({ currency: e.currentTarget.value.toUpperCase() })} {...invalid(problem, 'currency', 'sales-currency-error')} />
          <FieldError problem={problem} field="currency" id="sales-currency-error" />
        </label>
        <label>
          From
          <input name="from" type="date" value={from} onChange={(e) => set({ from: e.target.value })} {...invalid(problem, 'from', 'sales-from-error')} />
          <FieldError problem={problem} field="from" id="sales-from-error" />
        </label>
        <label>
          Until (inclusive)
          <input name="until" type="date" value={until} onChange={(e) => set({ until: e.target.value })} {...invalid(problem, 'to', 'sales-to-error')} />
          <FieldError problem={problem} field="to" id="sales-to-error" />
        </label>
      </form>
      {report.isPending ? <Loading what="sales" /> : null}
      {problem && problem.status !== 422 ? <ProblemNote error={problem} /> : null}
      {report.data ? <SalesChart days={report.data.days} currency={report.data.currency} /> : null}
    </article>
  );
};
