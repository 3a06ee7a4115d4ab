// The admin console in a real browser (Debian's chromium through playwright-core) against the
// built server on a random port with a fresh SQLite database: an admin signs in and works
// through the screens; a customer is refused; a 412 race is shown as such. Screenshots of the
// orders list and an order page at 1280 and 390 px are left in test-results/.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';
import { ensureBuilt, startServer, type ServerProcess } from '../support/server-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const hint = `install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`the admin console browser test needs chromium at ${CHROMIUM}; ${hint}`);
  console.warn(`\n⚠️  no chromium at ${CHROMIUM}: the admin console browser test is SKIPPED; ${hint}\n`);
}

const ADMIN = { email: 'staff@example.com', password: 'staff password 1' };
const CUSTOMER = { email: 'ada.customer@example.com', password: 'customer password 1' };
const SHOTS = 'test-results';

/** A local webhook receiver: answers 200 and records what arrived. */
const startReceiver = async () => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

describe.skipIf(!haveChromium)('the admin console in a real browser', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  let adminToken = '';
  let customerToken = '';
  let productId = '';
  const orders: string[] = [];

  const api = async (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  /** A link of the main navigation (pages have their own links, e.g. "← Products"). */
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const login = async (who: { email: string; password: string }) => (await api('POST', '/auth/token', '', who)).body.access_token as string;

  /** A customer's order for `quantity` of the product, confirmed when asked. */
  const placeOrder = async (quantity: number, confirm: boolean) => {
    const created = await api('POST', '/orders', customerToken, { items: [{ productId, quantity }] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    if (confirm) expect((await api('POST', `/orders/${id}/confirm`, customerToken)).status).toBe(200);
    orders.push(id);
    return id;
  };

  beforeAll(async () => {
    ensureBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), 'orders-console-'));
    const created = await runCli({ DATA_DIR: dataDir }, 'create-admin', '--email', ADMIN.email, '--password', ADMIN.password);
    expect(created.code, created.stderr).toBe(0);
    receiver = await startReceiver();
    [server, browser] = await Promise.all([
      // The receiver is on this machine: private addresses allowed, as in development.
      startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', WEBHOOK_ALLOW_PRIVATE_URLS: 'true', OUTBOX_POLL_MS: '50' }),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      }),
    ]);
    adminToken = await login(ADMIN);
    expect((await api('POST', '/users', '', CUSTOMER)).status).toBe(201);
    customerToken = await login(CUSTOMER);
    const product = await api('POST', '/products', adminToken, { sku: 'TEA-1', name: 'Sencha tea', price: { amount: '12.50', currency: 'EUR' }, stock: 40 });
    expect(product.status).toBe(201);
    productId = product.body.id as string;
    await placeOrder(2, true);
    await placeOrder(1, true);
    await placeOrder(3, false);

    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  it('refuses a customer account: it is told it has no access', async () => {
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByLabel('Email').fill(CUSTOMER.email);
    await page.getByLabel('Password').fill(CUSTOMER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('no access');
    // Nothing of the console is shown, and the customer's session was revoked (logged out).
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('shows a wrong password as the API says it', async () => {
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/email or password/i);
  });

  it('signs an admin in to the dashboard, which lists the orders waiting to ship', async () => {
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const waiting = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Waiting to ship' }) });
    await expect.poll(() => waiting.getByRole('row').count()).toBe(3); // a header and the two confirmed orders
  });

  it('keeps the session across a reload (the refresh token in sessionStorage), deep links included', async () => {
    await page.goto(`${server.baseUrl}/admin/orders?status=pending`);
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(await page.getByLabel('Status').inputValue()).toBe('pending');
  });

  it('filters the orders list by status in the URL and pages through it', async () => {
    await page.getByLabel('Status').selectOption('confirmed');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('confirmed');
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    await page.getByLabel('Status').selectOption('');
    await expect.poll(() => page.getByRole('row').count()).toBe(4);
    // Two rows a page (?limit=2 in the URL): the API's cursor leads to the third order, and back.
    await page.goto(`${server.baseUrl}/admin/orders?limit=2`);
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    const first = await page.getByRole('row').nth(1).innerText();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('cursor')).toBeTruthy();
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.goBack();
    await expect.poll(() => page.getByRole('row').nth(1).innerText()).toBe(first);
    await page.goto(`${server.baseUrl}/admin/orders`);
    await expect.poll(() => page.getByRole('row').count()).toBe(4);
    await page.screenshot({ path: `${SHOTS}/admin-orders-1280.png`, fullPage: true });
  });

  it('finds a customer\'s order by email, ships it with a tracking number and sees the history event', async () => {
    await nav('Orders').click();
    const filters = page.getByRole('search', { name: 'Filter orders' });
    await filters.getByLabel('Status').selectOption('confirmed');
    await filters.getByLabel('Customer email').fill(CUSTOMER.email);
    await filters.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('customer')).toBe(CUSTOMER.email);
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    await page.getByRole('link', { name: (orders[0] ?? '').slice(-12) }).click();
    await page.getByRole('heading', { name: `Order ${orders[0]}` }).waitFor();
    // Only the actions the API allows an admin on a confirmed order.
    expect(await page.getByRole('button', { name: 'Confirm order' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark delivered' }).count()).toBe(0);
    const ship = page.getByRole('form', { name: 'Ship' });
    await ship.getByLabel('Carrier').fill('DHL');
    await ship.getByLabel('Tracking number').fill('JD014600006281230704');
    await ship.getByRole('button', { name: 'Ship order' }).click();
    await expect.poll(() => page.locator('.status').first().innerText()).toBe('shipped');
    const history = page.getByRole('list', { name: 'History' });
    await expect.poll(() => history.getByRole('listitem').last().innerText()).toContain('tracking JD014600006281230704');
    await page.screenshot({ path: `${SHOTS}/admin-order-1280.png`, fullPage: true });
    await page.getByRole('button', { name: 'Mark delivered' }).click();
    await expect.poll(() => page.locator('.status').first().innerText()).toBe('delivered');
    expect(await page.getByRole('group', { name: 'Order actions' }).count()).toBe(0); // a delivered order allows nothing
  });


  it('shows a 412 as "changed meanwhile" and reloads the order', async () => {
    const pending = orders[2] ?? '';
    await page.goto(`${server.baseUrl}/admin/orders/${pending}`);
    await page.getByRole('heading', { name: `Order ${pending}` }).waitFor();
    // Meanwhile the customer changes the order: the page still holds the old version.
    expect((await api('POST', `/orders/${pending}/items`, customerToken, { productId, quantity: 1 })).status).toBe(200);
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('changed meanwhile');
    const now = (await api('GET', `/orders/${pending}`, adminToken)).body.version as number;
    // Reloaded: the page shows the new version, and the history its new event.
    await expect.poll(() => page.locator('p').filter({ hasText: /^Status / }).innerText()).toContain(`version ${now} `);
    await expect.poll(() => page.getByRole('list', { name: 'History' }).getByRole('listitem').count()).toBe(now);
    // Reloaded, the same button now works.
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await expect.poll(() => page.locator('.status').first().innerText()).toBe('cancelled');
  });

  it('draws the sales chart on the dashboard', async () => {
    await nav('Dashboard').click();
    const sales = page.getByRole('form', { name: 'Sales report' });
    await sales.getByLabel('Currency').fill('EUR');
    await sales.getByLabel('Currency').press('Enter');
    const chart = page.getByRole('img', { name: /Revenue per day in EUR/ });
    await expect.poll(() => chart.getAttribute('aria-label')).toMatch(/: [1-9]\d* orders over 30 days/);
    expect(await chart.locator('rect').count()).toBe(30);
    await page.screenshot({ path: `${SHOTS}/admin-dashboard-1280.png`, fullPage: true });
  });

  it('creates a product, showing a field error next to the field the problem names', async () => {
    await nav('Products').click();
    await page.getByText('New product').click();
    const form = page.getByRole('form', { name: 'New product' });
    await form.getByLabel('SKU').fill('MUG-1');
    await form.getByLabel('Name').fill('Tea mug');
    await form.getByLabel('Price').fill('8.999');
    await form.getByLabel('Currency').fill('EUR');
    await form.getByLabel('Stock').fill('7');
    await form.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => form.getByLabel('Price').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#new-amount-error').innerText()).not.toBe('');
    await form.getByLabel('Price').fill('8.90');
    await form.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { name: /Tea mug/ }).waitFor();
    expect(await page.getByText('EUR 8.90').count()).toBeGreaterThan(0);
  });

  it('archives a product and sees it leave the public list, then adjusts stock and sees the movement', async () => {
    await nav('Products').click();
    const search = page.getByRole('search', { name: 'Search products' });
    await search.getByLabel('Name or SKU').fill('mug');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'MUG-1' }).click();
    await page.getByRole('button', { name: /^Archive/ }).click();
    await page.getByRole('button', { name: /^Unarchive/ }).waitFor();
    const publicList = await api('GET', '/products?q=mug', '');
    expect((publicList.body.items as unknown[]).length).toBe(0);
    // Off the console's default list too (active products), and found again among the archived.
    await page.getByRole('link', { name: '← Products' }).click();
    await page.getByRole('link', { name: 'TEA-1' }).waitFor();
    // The list may first paint from React Query's cache (stale-while-revalidate) and then refetch.
    await expect.poll(() => page.getByRole('link', { name: 'MUG-1' }).count()).toBe(0);
    await page.getByRole('search', { name: 'Search products' }).getByLabel('Status').selectOption('archived');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('archived');
    await page.getByRole('link', { name: 'MUG-1' }).click();
    const adjust = page.getByRole('form', { name: 'Adjust stock' });
    await adjust.getByLabel(/^Change/).fill('-2');
    await adjust.getByLabel('Reason').fill('Two broken in the stock room');
    await adjust.getByRole('button', { name: 'Adjust' }).click();
    const movements = page.getByRole('table', { name: 'Stock movements' });
    await expect.poll(() => movements.getByRole('row').last().innerText()).toContain('Two broken in the stock room');
    expect(await movements.getByRole('row').last().innerText()).toMatch(/-2\s+5/);
    await page.screenshot({ path: `${SHOTS}/admin-product-1280.png`, fullPage: true });
  });

  it('creates a webhook (the secret shown once) and sees a delivery arrive at a local receiver', async () => {
    await nav('Webhooks').click();
    await page.getByText('New endpoint').click();
    const form = page.getByRole('form', { name: 'New endpoint' });
    await form.getByLabel('URL').fill(`${receiver.url}/hooks`);
    await form.getByLabel('Description').fill('the warehouse');
    await form.getByLabel('order.created').check();
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    const secret = await page.getByRole('textbox', { name: 'Secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByRole('textbox', { name: 'Secret' }).count()).toBe(0); // never shown again
    await placeOrder(1, false); // order.created
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(receiver.received[0]?.headers['webhook-signature']).toMatch(/^v1,/);
    await page.getByRole('link', { name: `${receiver.url}/hooks` }).click();
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    await expect.poll(() => deliveries.getByRole('row').nth(1).innerText(), { timeout: 15_000 }).toMatch(/order\.created\s+succeeded\s+1\s+200/);
  });


  it('finds a customer by email, deactivates and reactivates the account', async () => {
    await nav('Customers').click();
    await page.getByLabel('Email contains').fill('ada.customer');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await page.getByRole('button', { name: `Deactivate ${CUSTOMER.email}` }).click();
    await page.getByRole('button', { name: `Reactivate ${CUSTOMER.email}` }).click();
    await page.getByRole('button', { name: `Deactivate ${CUSTOMER.email}` }).waitFor();
    // Deactivation ended the customer's sessions: later steps use no customer token.
  });

  it('shows readiness on the health page', async () => {
    await nav('Health').click();
    await expect.poll(() => page.getByText('Ready: the database answers.').count()).toBe(1);
  });

  it('works at 390 px wide: the orders list and an order page', async () => {
    // The same tab: the session lives in this tab's sessionStorage (a new tab signs in anew).
    const phone = page;
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.baseUrl}/admin/orders`);
    await expect.poll(() => phone.getByRole('row').count()).toBe(orders.length + 1);
    // Nothing wider than the screen but the tables, which scroll in their own box.
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/admin-orders-390.png`, fullPage: true });
    await phone.goto(`${server.baseUrl}/admin/orders/${orders[0] ?? ''}`);
    await phone.getByRole('heading', { name: /^Order / }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/admin-order-390.png`, fullPage: true });
    await phone.setViewportSize({ width: 1280, height: 900 });
  });

  it('signs out: the refresh token is revoked', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('signed out');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('ran without a script error or a CSP violation', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
