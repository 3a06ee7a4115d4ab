import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sqlTargets } from '../support/databases.js';
import { buildTestApp } from '../support/test-app.js';

const dashboard = JSON.parse(readFileSync('deploy/grafana-dashboard.json', 'utf8')) as unknown;

/** Every `expr` in the dashboard, however deeply its panels nest. */
const exprsOf = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(exprsOf);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'expr' && typeof value === 'string' ? [value] : exprsOf(value)));
};

/** PromQL words that are not metric names. */
const PROMQL_WORDS = new Set([
  'sum', 'avg', 'min', 'max', 'count', 'rate', 'irate', 'increase', 'histogram_quantile', 'by', 'without',
  'and', 'or', 'unless', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'topk', 'bottomk',
]);

/** The metric (sample) names a PromQL expression selects: label matchers, ranges, strings and groupings removed first. */
const metricNamesIn = (expr: string): string[] => {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const words = bare.match(/[A-Za-z_:][A-Za-z0-9_:]*(?![A-Za-z0-9_:]|\s*\()/g) ?? [];
  return [...new Set(words.filter((w) => !PROMQL_WORDS.has(w) && !/^\d/.test(w)))];
};

/** Every sample name one /metrics scrape exposes, after some traffic so the HTTP histogram has series. */
const exposedNames = async (target: (typeof sqlTargets)[number]): Promise<Set<string>> => {
  const db = await target.create();
  const t = await buildTestApp(db);
  try {
    await t.app.inject({ method: 'GET', url: '/health/live' });
    const body = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    return new Set(body.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => /^[^{ ]+/.exec(l)![0]));
  } finally {
    await t.close();
    await db.drop();
  }
};

/** Exposed on PostgreSQL only: accepted when no PostgreSQL is at hand to scrape. */
const POSTGRES_ONLY = ['db_pool_connections'];

describe('deploy/grafana-dashboard.json', () => {
  it('finds the metric names in PromQL', () => {
    expect(metricNamesIn('histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{status_code=~"5.."}[$__rate_interval])))')).toEqual([
      'http_request_duration_seconds_bucket',
    ]);
    expect(metricNamesIn('sum(rate(a_total[5m])) / sum(rate(b_total[5m])) * 60')).toEqual(['a_total', 'b_total']);
  });

  it('queries only metrics that /metrics exposes, the business counters among them', async () => {
    const exprs = exprsOf(dashboard);
    expect(exprs.length).toBeGreaterThan(10);
    const queried = [...new Set(exprs.flatMap(metricNamesIn))];
    const exposed = new Set<string>();
    for (const target of sqlTargets) for (const name of await exposedNames(target)) exposed.add(name);
    if (sqlTargets.every((t) => t.name !== 'postgres')) for (const name of POSTGRES_ONLY) exposed.add(name);
    expect(queried.filter((name) => !exposed.has(name))).toEqual([]);
    expect(queried).toEqual(
      expect.arrayContaining([
        'orders_created_total', 'orders_confirmed_total', 'orders_cancelled_total', 'orders_shipped_total', 'orders_delivered_total',
        'order_confirmations_refused_total', 'registrations_total', 'logins_total', 'emails_total', 'webhook_deliveries_total',
        'http_request_duration_seconds_bucket', 'http_request_duration_seconds_count', 'outbox_rows',
      ]),
    );
  });

  it('is a dashboard Grafana imports: a datasource variable, and unique panel ids', () => {
    const d = dashboard as { templating: { list: { name: string; type: string }[] }; panels: { id: number }[] };
    expect(d.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource' }));
    const ids = d.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
