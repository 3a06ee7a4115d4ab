import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/infrastructure/config/config.js';
import { httpOptionsFromConfig } from '../../../src/infrastructure/http/http-options.js';

describe('HTTP server configuration', () => {
  it('bounds slow clients by default: headers 10 s, whole request 30 s, idle socket 60 s; /metrics on the public port', () => {
    const config = loadConfig({});
    expect(config.httpTimeouts).toEqual({ headersMs: 10_000, requestMs: 30_000, idleMs: 60_000 });
    expect(config.metricsPort).toBeUndefined();
    expect(httpOptionsFromConfig(config)).toMatchObject({ timeouts: config.httpTimeouts, serveMetrics: true });
  });

  it('reads HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_IDLE_TIMEOUT_MS and METRICS_PORT', () => {
    const config = loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_IDLE_TIMEOUT_MS: '7000', METRICS_PORT: '9464' });
    expect(config.httpTimeouts).toEqual({ headersMs: 2_000, requestMs: 5_000, idleMs: 7_000 });
    expect(config.metricsPort).toBe(9464);
    expect(httpOptionsFromConfig(config).serveMetrics).toBe(false);
  });

  it.each([
    [{ HTTP_REQUEST_TIMEOUT_MS: 'forever' }, /^HTTP_REQUEST_TIMEOUT_MS: must be a whole number/],
    [{ HTTP_HEADERS_TIMEOUT_MS: '0' }, /^HTTP_HEADERS_TIMEOUT_MS: must be between 100/],
    [{ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }, /^HTTP_HEADERS_TIMEOUT_MS: must not be above HTTP_REQUEST_TIMEOUT_MS/],
    [{ HTTP_IDLE_TIMEOUT_MS: '-1' }, /^HTTP_IDLE_TIMEOUT_MS: must be a whole number/],
    [{ METRICS_PORT: '70000' }, /^METRICS_PORT: must be between 0 and 65535/],
    [{ PORT: '8080', METRICS_PORT: '8080' }, /^METRICS_PORT: must differ from PORT/],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
