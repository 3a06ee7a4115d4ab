import { describe, expect, it } from 'vitest';
import { RequestDurationHistogram } from '../../../src/infrastructure/http/request-duration-histogram.js';

describe('RequestDurationHistogram', () => {
  it('writes cumulative buckets, +Inf, sum and count per (method, route, status)', () => {
    const h = new RequestDurationHistogram([0.01, 0.1]);
    const ok = h.seriesFor('GET', '/products/:id', 200);
    for (const s of [0.005, 0.01, 0.05, 3]) h.observe(ok, s);
    h.observe(h.seriesFor('GET', '/products/:id', 404), 0.2);
    expect(h.seriesFor('GET', '/products/:id', 200)).toBe(ok); // found again, not duplicated
    const labels = 'method="GET",route="/products/:id",status_code="200"';
    expect(h.text().split('\n')).toEqual([
      '# HELP http_request_duration_seconds HTTP request duration by route template and status',
      '# TYPE http_request_duration_seconds histogram',
      `http_request_duration_seconds_bucket{le="0.01",${labels}} 2`, // 0.01 itself falls in le=0.01
      `http_request_duration_seconds_bucket{le="0.1",${labels}} 3`,
      `http_request_duration_seconds_bucket{le="+Inf",${labels}} 4`,
      `http_request_duration_seconds_sum{${labels}} 3.065`,
      `http_request_duration_seconds_count{${labels}} 4`,
      'http_request_duration_seconds_bucket{le="0.01",method="GET",route="/products/:id",status_code="404"} 0',
      'http_request_duration_seconds_bucket{le="0.1",method="GET",route="/products/:id",status_code="404"} 0',
      'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/products/:id",status_code="404"} 1',
      'http_request_duration_seconds_sum{method="GET",route="/products/:id",status_code="404"} 0.2',
      'http_request_duration_seconds_count{method="GET",route="/products/:id",status_code="404"} 1',
    ]);
  });

  it('escapes quotes and backslashes in label values', () => {
    const h = new RequestDurationHistogram([1]);
    h.observe(h.seriesFor('GET', '/a"b\\c', 200), 0.5);
    expect(h.text()).toContain('route="/a\\"b\\\\c"');
  });
});
