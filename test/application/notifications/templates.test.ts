import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/application/notifications/templates/html.js';
import { orderCancellationEmail } from '../../../src/application/notifications/templates/order-cancellation.template.js';
import { orderConfirmationEmail } from '../../../src/application/notifications/templates/order-confirmation.template.js';
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

describe('email templates', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'Tom' & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;Tom&#39; &amp; Jerry&lt;/a&gt;');
  });

  it('welcome: the subject says welcome and both bodies name the account', () => {
    const mail = welcomeEmail({ email: 'o\'brien+new@example.com' });
    expect(mail.subject).toMatch(/welcome/i);
    expect(mail.text).toContain("o'brien+new@example.com");
    expect(mail.html).toContain('o&#39;brien+new@example.com');
    expect(mail.html).toMatch(/^<!doctype html>/);
  });

  it('order confirmation: order id, every item with quantity, unit price and line total, and the total, in text and HTML', () => {
    const mail = orderConfirmationEmail(order);
    expect(mail.subject).toContain(order.orderId);
    expect(mail.subject).toMatch(/confirmed/i);
    expect(mail.text).toContain(order.orderId);
    expect(mail.text).toContain('- Green tea × 3 at 2.50 USD = 7.50 USD');
    expect(mail.text).toContain('× 1 at 10.99 USD = 10.99 USD');
    expect(mail.text).toContain('Total: 18.49 USD');
    expect(mail.html).toContain(order.orderId);
    expect(mail.html).toMatch(/Green tea<\/td><td[^>]*>3<\/td><td[^>]*>2\.50 USD<\/td><td[^>]*>7\.50 USD<\/td>/);
    expect(mail.html).toMatch(/Total<\/th><td[^>]*>18\.49 USD<\/td>/);
  });

  it('order confirmation: user-supplied text cannot inject markup into the HTML', () => {
    const mail = orderConfirmationEmail(order);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    // Plain text is not HTML: it keeps the name as typed.
    expect(mail.text).toContain('<script>alert("x")</script> & Co');
  });

  it('cancellation: names the order and says reserved items were released only if it had been confirmed', () => {
    const afterConfirm = orderCancellationEmail({ ...order, previousStatus: 'confirmed' });
    expect(afterConfirm.subject).toContain(order.orderId);
    expect(afterConfirm.subject).toMatch(/cancelled/i);
    expect(afterConfirm.text).toContain('released');
    expect(afterConfirm.text).toContain('Total: 18.49 USD');
    expect(afterConfirm.html).toContain('released');
    const whilePending = orderCancellationEmail({ ...order, previousStatus: 'pending' });
    expect(whilePending.text).not.toContain('released');
    expect(whilePending.html).not.toContain('<script>');
  });
});

describe('order lines in emails', () => {
  it('one item per line in the text, then the total on its own line', () => {
    const text = orderConfirmationEmail(order).text;
    expect(text).toContain('- Green tea × 3 at 2.50 USD = 7.50 USD\n- <script>');
    expect(text).toContain('10.99 USD = 10.99 USD\nTotal: 18.49 USD');
  });

  it('one table row per item in the HTML, names left-aligned and figures right-aligned', () => {
    const html = orderConfirmationEmail(order).html;
    expect(html).toMatch(/<\/tr>\n<tr>/);
    expect(html).toContain('text-align: left;">Green tea</td>');
    expect(html).toContain('text-align: right;">3</td>');
    expect(html).toContain('text-align: right;">2.50 USD</td>');
    expect(html).toContain('text-align: right;">7.50 USD</td>');
    expect(html).toContain('text-align: right;">18.49 USD</td>');
  });

  it('a cancelled pending order’s notice says no more than that it was cancelled', () => {
    const mail = orderCancellationEmail({ ...order, previousStatus: 'pending' });
    expect(mail.text).toContain(`Your order ${order.orderId} has been cancelled.\n`);
    expect(mail.html).toContain('has been cancelled.</p>');
  });
});
