/**
 * `npx tsx bench/mime-compose.ts [messages=1000] [rounds=5]` — CPU per order confirmation
 * composed as MIME bytes, by our composer (mime-message.ts, what both mail sinks use) and by
 * nodemailer's MailComposer, one message after another as the outbox's deliveries do, after a
 * warm-up; prints µs per message for each round and the medians (docs/adr/0020).
 */
import { DEFAULT_SHOP } from '../src/application/notifications/templates/shop-branding.js';
import MailComposer from 'nodemailer/lib/mail-composer';
import { orderConfirmationEmail } from '../src/application/notifications/templates/order-confirmation.template.js';
import type { MailMessage } from '../src/application/ports/mailer.port.js';
import { composeMime } from '../src/infrastructure/email/mime-message.js';

const n = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 5);
const order = {
  orderId: '0192f0c4-7d1e-7a3b-8c2d-1e2f3a4b5c6d',
  customerId: '0192f0c4-7d1e-7a3b-8c2d-000000000001',
  items: [
    { productId: 'p1', productName: 'Darjeeling <first flush>', quantity: 2, unitPrice: '12.50', lineTotal: '25.00' },
    { productId: 'p2', productName: 'Teapot', quantity: 1, unitPrice: '30.00', lineTotal: '30.00' },
  ],
  total: { amount: '55.00', currency: 'USD' },
};
const email = orderConfirmationEmail(order as Parameters<typeof orderConfirmationEmail>[0], DEFAULT_SHOP);
const message: MailMessage = { ...email, to: 'ada@example.com', messageId: `<${order.orderId}@orders.localhost>` };
const from = 'Orders <no-reply@orders.localhost>';

const composers: Record<string, (m: MailMessage, date: Date) => Promise<Buffer>> = {
  'mime-message.ts': async (m, date) => composeMime(m, from, date),
  'nodemailer MailComposer': (m, date) =>
    new MailComposer({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, date, textEncoding: 'quoted-printable', newline: 'windows' })
      .compile()
      .build(),
};

/** CPU µs (user + system) per message over `count` messages. */
const measure = async (compose: (m: MailMessage, date: Date) => Promise<Buffer>, count: number): Promise<number> => {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await compose(message, new Date());
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
};

for (const [name, compose] of Object.entries(composers)) {
  await measure(compose, n); // warm-up: JIT and module state
  const results: number[] = [];
  for (let r = 0; r < rounds; r++) results.push(await measure(compose, n));
  const median = [...results].sort((a, b) => a - b)[Math.floor(rounds / 2)] ?? NaN;
  console.log(`${name.padEnd(24)} ${results.map((us) => us.toFixed(1)).join(', ')} µs/message; median ${median.toFixed(1)} (${n} per round)`);
}
