import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/infrastructure/config/config.js';

describe('database pool configuration', () => {
  it('defaults: 10 connections, a 10 s statement timeout, a 30 s wait for the database at start', () => {
    expect(loadConfig({}).database).toEqual({ poolSize: 10, statementTimeoutMs: 10_000, startupWaitMs: 30_000 });
  });

  it('reads DATABASE_POOL_SIZE, DATABASE_STATEMENT_TIMEOUT_MS and DATABASE_STARTUP_WAIT_MS', () => {
    const config = loadConfig({ DATABASE_POOL_SIZE: '25', DATABASE_STATEMENT_TIMEOUT_MS: '2500', DATABASE_STARTUP_WAIT_MS: '0' });
    expect(config.database).toEqual({ poolSize: 25, statementTimeoutMs: 2_500, startupWaitMs: 0 });
  });

  it.each([
    [{ DATABASE_POOL_SIZE: '0' }, /^DATABASE_POOL_SIZE: must be between 1 and 1000/],
    [{ DATABASE_POOL_SIZE: 'many' }, /^DATABASE_POOL_SIZE: must be a whole number/],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '10' }, /^DATABASE_STATEMENT_TIMEOUT_MS: must be between 100/],
    [{ DATABASE_STARTUP_WAIT_MS: '-1' }, /^DATABASE_STARTUP_WAIT_MS: must be/],
    [{ DATABASE_STARTUP_WAIT_MS: '600001' }, /^DATABASE_STARTUP_WAIT_MS: must be between 0 and 600000/],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
