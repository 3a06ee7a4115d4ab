// The test-database helper itself: a pool a test opens can never crash the run when its database goes.
import { describe, expect, it } from 'vitest';
import { createPostgresDatabase, postgresAvailable } from './postgres.js';

describe.runIf(postgresAvailable)('createPostgresDatabase', () => {
  it('drop() ends the pools opened through it, even one with a client still checked out, and no error goes unhandled', async () => {
    const database = await createPostgresDatabase();
    const pool = database.pool!({ max: 2 });
    const idle = await pool.connect();
    idle.release();
    const forgotten = await pool.connect();
    await forgotten.query('select 1');
    const ended = new Promise<void>((resolve) => forgotten.once('end', () => resolve()));

    await database.drop();

    // The drop terminated the checked-out client's connection (57P01); the helper's handler took the error.
    await ended;
    expect(pool.ending).toBe(true);
    await expect(forgotten.query('select 1')).rejects.toThrow();
  });
});
