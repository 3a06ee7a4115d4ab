import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JoseTokenService } from '../../../src/infrastructure/security/jose-token-service.js';

const SECRET = 'a-test-secret-a-test-secret-a-test-secret';
const key = new TextEncoder().encode(SECRET);
const sign = (claims: Record<string, unknown>, secret = key) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
const now = () => Math.floor(Date.now() / 1000);

describe('JoseTokenService: verified tokens are remembered, never trusted beyond what was verified', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('verifies an issued token, again and again (the second time from memory)', async () => {
    const tokens = new JoseTokenService(SECRET, 60);
    const { accessToken } = await tokens.issue('user-1');
    expect(await tokens.verify(accessToken)).toMatchObject({ userId: 'user-1' });
    expect(await tokens.verify(accessToken)).toMatchObject({ userId: 'user-1' });
  });

  it('refuses a remembered token the second its exp passes', async () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z'), toFake: ['Date'] });
    const tokens = new JoseTokenService(SECRET, 60);
    const { accessToken } = await tokens.issue('user-1');
    expect(await tokens.verify(accessToken)).toMatchObject({ userId: 'user-1' });
    vi.setSystemTime(new Date('2030-01-01T00:00:59Z'));
    expect(await tokens.verify(accessToken)).toMatchObject({ userId: 'user-1' });
    vi.setSystemTime(new Date('2030-01-01T00:01:00Z'));
    await expect(tokens.verify(accessToken)).rejects.toMatchObject({ code: 'auth.invalid_token' });
    await expect(tokens.verify(accessToken)).rejects.toMatchObject({ code: 'auth.invalid_token' });
  });

  it('never remembers a refusal: a tampered, foreign, expired or wrong-audience token is refused every time', async () => {
    const tokens = new JoseTokenService(SECRET, 60);
    const { accessToken } = await tokens.issue('user-1');
    const [h, p] = accessToken.split('.');
    const refused = [
      `${h}.${p}.${'A'.repeat(43)}`,
      await sign({ sub: 'user-1', iss: 'orders-service', aud: 'orders-api', exp: now() + 60 }, new TextEncoder().encode('another-secret-another-secret-another!!')),
      await sign({ sub: 'user-1', iss: 'orders-service', aud: 'orders-api', exp: now() - 1 }),
      await sign({ sub: 'user-1', iss: 'orders-service', aud: 'someone-else', exp: now() + 60 }),
      await sign({ iss: 'orders-service', aud: 'orders-api', exp: now() + 60 }),
    ];
    for (const token of refused) {
      for (let i = 0; i < 2; i++) await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'auth.invalid_token' });
    }
    // The genuine token still works afterwards.
    expect(await tokens.verify(accessToken)).toMatchObject({ userId: 'user-1' });
  });

  it('does not remember a token that is not valid yet (nbf) beyond what jose decides', async () => {
    const tokens = new JoseTokenService(SECRET, 60);
    const future = await sign({ sub: 'user-1', iss: 'orders-service', aud: 'orders-api', exp: now() + 600, nbf: now() + 300 });
    await expect(tokens.verify(future)).rejects.toMatchObject({ code: 'auth.invalid_token' });
    await expect(tokens.verify(future)).rejects.toMatchObject({ code: 'auth.invalid_token' });
  });
});
