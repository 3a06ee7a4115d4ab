import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/application/notifications/templates/html.js';
import { formatMoney } from '../../../src/application/notifications/templates/money-format.js';
import { orderCancellationEmail } from '../../../src/application/notifications/templates/order-cancellation.template.js';
import { orderConfirmationEmail } from '../../../src/application/notifications/templates/order-confirmation.template.js';
import { orderShippedEmail } from '../../../src/application/notifications/templates/order-shipped.template.js';
import { passwordChangedEmail } from '../../../src/application/notifications/templates/password-changed.template.js';
import type { RenderedEmail } from '../../../src/application/notifications/templates/rendered-email.js';
import { DEFAULT_SHOP, signatureHtml, signatureText, type ShopBranding } from '../../../src/application/notifications/templates/shop-branding.js';
import { welcomeEmail } from '../../../src/application/notifications/templates/welcome.template.js';
import type { OrderEventPayload } from '../../../src/domain/orders/order-events.js';

const order: OrderEventPayload = {
  orderId: '0193a1b2-0000-7000-8000-000000000042',
  customerId: 'customer-1',
  items: [
    { productId: 'p1', productName: 'Green tea', quantity: 3, unitPrice: '2.50', lineTotal: '7.50' },
    { productId: 'p2', productName: '<script>alert("x")</script> & Co', quantity: 1, unitPrice: '10.99', lineTotal: '10.99' },
  ],
  total: { amount: '18.49', currency: 'USD' },
};

const plain: ShopBranding = { name: 'Orders' };

describe('email templates', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'Tom' & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;Tom&#39; &amp; Jerry&lt;/a&gt;');
  });

  it('welcome: the subject says welcome and both bodies name the account', () => {
    const mail = welcomeEmail({ email: 'o\'brien+new@example.com' }, plain);
    expect(mail.subject).toMatch(/welcome/i);
    expect(mail.text).toContain("o'brien+new@example.com");
    expect(mail.html).toContain('o&#39;brien+new@example.com');
    expect(mail.html).toMatch(/^<!doctype html>/);
  });

  it('order confirmation: order id, every item with quantity, unit price and line total, and the total, in text and HTML', () => {
    const mail = orderConfirmationEmail(order, plain);
    expect(mail.subject).toContain(order.orderId);
    expect(mail.subject).toMatch(/confirmed/i);
    expect(mail.text).toContain(order.orderId);
    expect(mail.text).toContain('- Green tea × 3 at $2.50 = $7.50');
    expect(mail.text).toContain('× 1 at $10.99 = $10.99');
    expect(mail.text).toContain('Total: $18.49');
    expect(mail.html).toContain(order.orderId);
    expect(mail.html).toMatch(/Green tea<\/td><td[^>]*>3<\/td><td[^>]*>\$2\.50<\/td><td[^>]*>\$7\.50<\/td>/);
    expect(mail.html).toMatch(/Total<\/th><td[^>]*>\$18\.49<\/td>/);
  });

  it('order confirmation: user-supplied text cannot inject markup into the HTML', () => {
    const mail = orderConfirmationEmail(order, plain);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    // Plain text is not HTML: it keeps the name as typed.
    expect(mail.text).toContain('<script>alert("x")</script> & Co');
  });

  it('cancellation: names the order and says reserved items were released only if it had been confirmed', () => {
    const afterConfirm = orderCancellationEmail({ ...order, previousStatus: 'confirmed' }, plain);
    expect(afterConfirm.subject).toContain(order.orderId);
    expect(afterConfirm.subject).toMatch(/cancelled/i);
    expect(afterConfirm.text).toContain('released');
    expect(afterConfirm.text).toContain('Total: $18.49');
    expect(afterConfirm.html).toContain('released');
    const whilePending = orderCancellationEmail({ ...order, previousStatus: 'pending' }, plain);
    expect(whilePending.text).not.toContain('released');
    expect(whilePending.html).not.toContain('<script>');
  });
});

describe('order shipped email', () => {
  const shop: ShopBranding = { name: 'Café Zoë 東京', url: 'https://zoe.example/', supportEmail: 'help@zoe.example' };

  it('names the order and, when given, the carrier and tracking number, in text and HTML', () => {
    const mail = orderShippedEmail({ ...order, carrier: 'DHL <Express>', trackingNumber: 'JD0146&00', shippedAt: '2025-03-01T10:00:00.000Z' }, shop);
    expect(mail.subject).toContain(order.orderId);
    expect(mail.subject).toMatch(/shipped/i);
    expect(mail.subject).toContain('Café Zoë 東京');
    expect(mail.text).toContain(order.orderId);
    expect(mail.text).toContain('with DHL <Express>');
    expect(mail.text).toContain('Tracking number: JD0146&00');
    expect(mail.html).toContain('JD0146&amp;00');
    expect(mail.html).toContain('DHL &lt;Express&gt;');
    expect(mail.html).not.toContain('<Express>');
  });

  it('says nothing about tracking when no tracking number was given', () => {
    const mail = orderShippedEmail({ ...order, carrier: null, trackingNumber: null, shippedAt: '2025-03-01T10:00:00.000Z' }, shop);
    expect(mail.text).toContain(`Your order ${order.orderId} has shipped.`);
    expect(mail.text).not.toMatch(/tracking/i);
    expect(mail.html).not.toMatch(/tracking/i);
  });
});

describe('email templates: the shop they come from', () => {
  const zoe: ShopBranding = { name: 'Café Zoë 東京', url: 'https://zoe.example/shop?ref=mail&lang=ja', supportEmail: 'help@zoe.example' };
  const yenOrder: OrderEventPayload = {
    ...order,
    items: [{ productId: 'p3', productName: '抹茶', quantity: 3, unitPrice: '500', lineTotal: '1500' }],
    total: { amount: '1500', currency: 'JPY' },
  };
  const rendered: [string, RenderedEmail][] = [
    ['welcome', welcomeEmail({ email: 'kaito@example.jp' }, zoe)],
    ['order confirmation', orderConfirmationEmail(yenOrder, zoe)],
    ['order cancellation', orderCancellationEmail({ ...yenOrder, previousStatus: 'confirmed' }, zoe)],
    ['order shipped', orderShippedEmail({ ...yenOrder, carrier: 'ヤマト運輸', trackingNumber: '4455-6677-8899', shippedAt: '2025-03-01T10:00:00.000Z' }, zoe)],
  ];

  it.each(rendered)('%s: subject, text and HTML name the shop, link its site and give the support address', (_name, mail) => {
    expect(mail.subject).toContain('Café Zoë 東京');
    expect(mail.text).toContain('— The Café Zoë 東京 team');
    expect(mail.text).toContain('https://zoe.example/shop?ref=mail&lang=ja');
    expect(mail.text).toContain('Questions? Write to help@zoe.example.');
    expect(mail.text).not.toContain('Orders team');
    expect(mail.html).toContain('<title>');
    expect(mail.html).toContain('— The Café Zoë 東京 team');
    expect(mail.html).toContain('<a href="https://zoe.example/shop?ref=mail&amp;lang=ja">');
    expect(mail.html).toContain('<a href="mailto:help@zoe.example">help@zoe.example</a>');
  });

  it('welcome says whose account it is in the subject and heading', () => {
    const [, welcome] = rendered[0]!;
    expect(welcome.subject).toBe('Welcome to Café Zoë 東京');
    expect(welcome.html).toContain('<h1>Welcome to Café Zoë 東京!</h1>');
  });

  it('order emails show yen as people write it: no decimals, grouped, with the sign', () => {
    for (const [, mail] of rendered.slice(1)) {
      expect(mail.text).toContain('- 抹茶 × 3 at ¥500 = ¥1,500');
      expect(mail.text).toContain('Total: ¥1,500');
      expect(mail.html).toMatch(/Total<\/th><td[^>]*>¥1,500<\/td>/);
    }
  });

  it('a shop name is escaped in HTML like any other value', () => {
    const mail = orderConfirmationEmail(order, { name: 'Tom & Jerry\'s "Shop"' });
    expect(mail.subject).toContain('Tom & Jerry\'s "Shop"');
    expect(mail.html).toContain('Tom &amp; Jerry&#39;s &quot;Shop&quot;');
    expect(mail.html).not.toContain('Jerry\'s "Shop"');
  });

  it('without SHOP_URL and SUPPORT_EMAIL there is no link and no support line', () => {
    const mail = welcomeEmail({ email: 'a@example.com' }, { name: 'Orders' });
    expect(mail.text).toMatch(/— The Orders team\n$/);
    expect(mail.html).not.toContain('<a ');
    expect(mail.text).not.toContain('Questions?');
    expect(mail.html).toMatch(/<p>— The Orders team<\/p>\n<\/body>/);
  });

  it('the signature: the team line, the site on the next line, then a blank line before the support line', () => {
    expect(signatureText(zoe)).toBe('— The Café Zoë 東京 team\nhttps://zoe.example/shop?ref=mail&lang=ja\n\nQuestions? Write to help@zoe.example.');
    expect(signatureText({ name: 'Orders', supportEmail: 'help@example.com' })).toBe('— The Orders team\n\nQuestions? Write to help@example.com.');
  });

  it('the HTML signature holds exactly the site link and support paragraph the shop has', () => {
    expect(signatureHtml({ name: 'Orders' })).toBe('<p>— The Orders team</p>');
    expect(signatureHtml({ name: 'Orders', url: 'https://example.com' })).toBe('<p>— The Orders team<br><a href="https://example.com">https://example.com</a></p>');
    expect(signatureHtml({ name: 'Orders', supportEmail: 'help@example.com' })).toBe(
      '<p>— The Orders team</p>\n<p style="color: #666; font-size: 90%;">Questions? Write to <a href="mailto:help@example.com">help@example.com</a>.</p>',
    );
  });

  it('the password-changed email says whether a change or a reset did it', () => {
    expect(passwordChangedEmail({ email: 'a@example.com', how: 'reset' }, DEFAULT_SHOP).text).toContain('a@example.com was reset with a password reset email.');
    expect(passwordChangedEmail({ email: 'a@example.com', how: 'changed' }, DEFAULT_SHOP).text).toContain('a@example.com was changed.');
  });
});

describe('formatMoney', () => {
  it.each([
    ['1500', 'JPY', '¥1,500'],
    ['10.99', 'USD', '$10.99'],
    ['0.05', 'EUR', '€0.05'],
    ['1234567.00', 'GBP', '£1,234,567.00'],
  ])('%s %s → %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it('keeps every minor digit of a three-decimal currency', () => {
    expect(formatMoney('1.250', 'KWD')).toMatch(/^KWD\s1\.250$/);
  });

  it('is exact past 2^53 minor units: no float on the way', () => {
    // 2^53 + 1 cents is not a double; through a Number it prints as ...409.94.
    expect(formatMoney('90071992547409.93', 'USD')).toBe('$90,071,992,547,409.93');
    expect(formatMoney('123456789012345678.99', 'USD')).toBe('$123,456,789,012,345,678.99');
  });
});

describe('order lines in emails', () => {
  it('one item per line in the text, then the total on its own line', () => {
    const text = orderConfirmationEmail(order, DEFAULT_SHOP).text;
    expect(text).toContain('- Green tea × 3 at $2.50 = $7.50\n- <script>');
    expect(text).toContain('$10.99 = $10.99\nTotal: $18.49');
  });

  it('one table row per item in the HTML, names left-aligned and figures right-aligned', () => {
    const html = orderConfirmationEmail(order, DEFAULT_SHOP).html;
    expect(html).toMatch(/<\/tr>\n<tr>/);
    expect(html).toContain('text-align: left;">Green tea</td>');
    expect(html).toContain('text-align: right;">3</td>');
    expect(html).toContain('text-align: right;">$2.50</td>');
    expect(html).toContain('text-align: right;">$7.50</td>');
    expect(html).toContain('text-align: right;">$18.49</td>');
  });

  it('a cancelled pending order’s notice says no more than that it was cancelled', () => {
    const mail = orderCancellationEmail({ ...order, previousStatus: 'pending' }, DEFAULT_SHOP);
    expect(mail.text).toContain(`Your order ${order.orderId} has been cancelled.\n`);
    expect(mail.html).toContain('has been cancelled.</p>');
  });
});
