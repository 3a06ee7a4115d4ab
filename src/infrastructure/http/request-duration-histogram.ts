/**
 * `http_request_duration_seconds`, kept in plain arrays and written out in Prometheus' text
 * format at scrape time.
 *
 * Why not prom-client's Histogram: its `observe` re-validates and re-hashes the label set on
 * every call, even through a bound child (profiling: the largest single cost of the metrics
 * hooks on a catalog read). Here a series is found once per (method, status) on its route and
 * an observation is a bucket search and three additions.
 */
export interface DurationSeries {
  readonly labels: string;
  /** Non-cumulative: counts[i] holds observations in (buckets[i-1], buckets[i]]; the last slot is +Inf. */
  readonly counts: number[];
  sum: number;
  count: number;
}

const escapeLabel = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export class RequestDurationHistogram {
  readonly name = 'http_request_duration_seconds';
  private readonly series = new Map<string, DurationSeries>();

  constructor(private readonly buckets: readonly number[]) {}

  /** One series per (method, route template, status): bounded, as all three are finite sets. */
  seriesFor(method: string, route: string, status: number): DurationSeries {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = {
        labels: `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status_code="${status}"`,
        counts: new Array<number>(this.buckets.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      this.series.set(key, series);
    }
    return series;
  }

  observe(series: DurationSeries, seconds: number): void {
    let i = 0;
    while (i < this.buckets.length && seconds > (this.buckets[i] as number)) i += 1;
    series.counts[i] = (series.counts[i] as number) + 1;
    series.sum += seconds;
    series.count += 1;
  }

  /** The Prometheus text exposition of every series (cumulative buckets, +Inf, sum, count). */
  text(): string {
    const lines = [`# HELP ${this.name} HTTP request duration by route template and status`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += s.counts[i] as number;
        lines.push(`${this.name}_bucket{le="${bound}",${s.labels}} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket{le="+Inf",${s.labels}} ${s.count}`);
      lines.push(`${this.name}_sum{${s.labels}} ${s.sum}`);
      lines.push(`${this.name}_count{${s.labels}} ${s.count}`);
    }
    return lines.join('\n');
  }
}
