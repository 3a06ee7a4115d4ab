// The typed client's session helpers against the built server on a real port: login keeps the
// refresh token, refresh() rotates it, logout() ends the session.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrdersClient } from '../../clients/typescript/client.js';
import { ensureBuilt, startServer, type ServerProcess } from '../support/server-process.js';

describe('the typed client: refresh() and logout()', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    ensureBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), 'orders-client-sessions-'));
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'orders.sqlite')}` });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('logs in, refreshes (the old refresh token is used up), logs out (the session ends)', async () => {
    const api = createOrdersClient({ baseUrl: server.baseUrl });
    expect((await api.POST('/users', { body: { email: 'ada@example.com', password: 'a long password' } })).response.status).toBe(201);
    const login = await api.login('ada@example.com', 'a long password');
    const first = login.data!.refresh_token;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const refreshed = await api.refresh();
    expect(refreshed.response.status).toBe(200);
    expect(refreshed.data!.refresh_token).not.toBe(first);
    expect((await api.GET('/users/me')).data?.email).toBe('ada@example.com');

    // Replaying the used token fails with the contract's code (and revokes the family).
    const replay = await createOrdersClient({ baseUrl: server.baseUrl }).refresh(first);
    expect(replay.response.status).toBe(401);
    expect(replay.error).toMatchObject({ code: 'auth.invalid_refresh_token' });

    await api.login('ada@example.com', 'a long password');
    const out = await api.logout();
    expect(out.response.status).toBe(204);
    expect((await api.GET('/users/me')).response.status).toBe(401);
    await expect(api.refresh()).rejects.toThrow(/log in first/);
  });
});
