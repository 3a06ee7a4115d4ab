// /docs in a real browser (Debian's chromium through playwright-core), offline: every
// operation is listed, the Authorize dialog logs in through POST /auth/token, and
// "Try it out" on GET /users/me shows the user. Leaves test-results/docs-browser.png.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startServer, type ServerProcess } from '../support/server-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const hint = `install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`the docs browser test needs chromium at ${CHROMIUM}; ${hint}`);
  console.warn(`\n⚠️  no chromium at ${CHROMIUM}: the /docs browser test is SKIPPED; ${hint}\n`);
}

/** Every operation of the contract's tables, plus the health checks. */
const OPERATIONS = [
  'POST /auth/token',
  'POST /users',
  'GET /users/me',
  'PATCH /users/me',
  'GET /users/{id}',
  'POST /users/{id}/deactivate',
  'POST /auth/logout',
  'POST /auth/password-reset',
  'POST /auth/password-reset/confirm',
  'GET /users',
  'POST /users/me/password',
  'POST /users/{id}/reactivate',
  'POST /products',
  'GET /products',
  'GET /products/{id}',
  'PATCH /products/{id}',
  'POST /products/{id}/archive',
  'POST /products/{id}/unarchive',
  'POST /products/{id}/stock-adjustments',
  'GET /products/{id}/stock-movements',
  'POST /orders',
  'GET /orders',
  'GET /orders/{id}',
  'POST /orders/{id}/items',
  'PATCH /orders/{id}/items/{itemId}',
  'DELETE /orders/{id}/items/{itemId}',
  'POST /orders/{id}/confirm',
  'POST /orders/{id}/cancel',
  'POST /orders/{id}/ship',
  'POST /orders/{id}/deliver',
  'GET /orders/{id}/history',
  'GET /reports/sales',
  'GET /health/live',
  'GET /health/ready',
  'POST /webhooks',
  'GET /webhooks',
  'GET /webhooks/{id}',
  'PATCH /webhooks/{id}',
  'DELETE /webhooks/{id}',
  'POST /webhooks/{id}/rotate-secret',
  'GET /webhooks/{id}/deliveries',
  'POST /webhooks/{id}/deliveries/{deliveryId}/retry',
  // The OpenAPI 3.1 `webhooks` section: the requests the service sends, one per event type.
  'POST user.registered',
  'POST order.created',
  'POST order.confirmed',
  'POST order.cancelled',
  'POST order.shipped',
  'POST order.delivered',
  'POST product.archived',
  'POST stock.low',
];

/** A name that is not localhost, mapped to 127.0.0.1 inside the browser: the docs must work over plain http there too. */
const ALIAS = 'orders-docs.test';

const EMAIL = 'docs-reader@example.com';
const PASSWORD = 'docs reader password';

describe.skipIf(!haveChromium)('the docs page in a real browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const offsite: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([
      startServer({ LOG_LEVEL: 'warn' }),
      chromium.launch({
        executablePath: CHROMIUM,
        args: [`--host-resolver-rules=MAP ${ALIAS} 127.0.0.1`, '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
      }),
    ]);
    const registered = await fetch(`${server.baseUrl}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(registered.status).toBe(201);

    // A fresh profile, and no internet: anything not served by the app is recorded and refused.
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const host = new URL(server.baseUrl).host;
    const aliasHost = `${ALIAS}:${new URL(server.baseUrl).port}`;
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (/^(https?|wss?):$/.test(url.protocol) && url.host !== host && url.host !== aliasHost) {
        offsite.push(url.href);
        return route.abort('internetdisconnected');
      }
      return route.continue();
    });
    page = await context.newPage();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1' && url.hostname !== ALIAS) offsite.push(url.href);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists every operation', async () => {
    await page.goto(`${server.baseUrl}/docs`);
    await page.locator('.opblock').first().waitFor();
    const listed = await page
      .locator('.opblock-summary')
      .evaluateAll((blocks) =>
        blocks.map((b) => `${b.querySelector('.opblock-summary-method')?.textContent} ${b.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`),
      );
    expect([...listed].sort()).toEqual([...OPERATIONS].sort());
  });

  it('logs in through the Authorize dialog and runs GET /users/me with "Try it out"', async () => {
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    const oauth2 = page.locator('.auth-container').filter({ hasText: 'oauth2' });
    await oauth2.getByLabel('username').fill(EMAIL);
    await oauth2.getByLabel('password').fill(PASSWORD);
    const token = page.waitForResponse((r) => r.url().endsWith('/auth/token'));
    await oauth2.getByRole('button', { name: 'Apply given OAuth2 credentials' }).click();
    expect((await token).status()).toBe(200);
    await expect.poll(() => oauth2.innerText()).toContain('Authorized');
    await page.locator('.modal-ux').getByRole('button', { name: 'Close' }).first().click();

    const getMe = page.locator('#operations-users-getMe');
    await getMe.locator('.opblock-summary').click();
    const tryItOut = getMe.getByRole('button', { name: 'Try it out' });
    if (await tryItOut.isVisible()) await tryItOut.click(); // the page may already be in try-it-out mode
    await getMe.getByRole('button', { name: 'Execute' }).click();
    const live = getMe.locator('.live-responses-table');
    await expect.poll(() => live.locator('tbody .response-col_status').first().innerText()).toBe('200');
    expect(await live.locator('tbody .response-col_description').first().innerText()).toContain(`"email": "${EMAIL}"`);

    mkdirSync('test-results', { recursive: true });
    await getMe.evaluate((block) => block.scrollIntoView()); // the operation, the request and the user's data
    await page.screenshot({ path: 'test-results/docs-browser.png' });
  });

  it('keeps the authorization across a reload of the page (persistAuthorization)', async () => {
    await page.reload();
    await page.locator('.opblock').first().waitFor();
    const getMe = page.locator('#operations-users-getMe');
    // Deep linking may reopen the operation the URL names; open it only if it is closed.
    if (!(await getMe.locator('.opblock-body').isVisible())) await getMe.locator('.opblock-summary').click();
    const tryItOut = getMe.getByRole('button', { name: 'Try it out' });
    if (await tryItOut.isVisible()) await tryItOut.click();
    const answer = page.waitForResponse((r) => r.url().endsWith('/users/me'));
    await getMe.getByRole('button', { name: 'Execute' }).click();
    expect((await answer).status()).toBe(200);
  });

  it('works over plain http on a host that is not localhost (no upgrade to https)', async () => {
    const other = await page.context().newPage();
    const url = `http://${ALIAS}:${new URL(server.baseUrl).port}/docs`;
    const failed: string[] = [];
    other.on('requestfailed', (r) => failed.push(r.url()));
    await other.goto(url);
    await other.locator('.opblock').first().waitFor({ timeout: 15_000 });
    expect(failed).toEqual([]);
    await other.close();
  });

  it('needs nothing from outside the app', () => {
    expect(offsite).toEqual([]);
  });
});
