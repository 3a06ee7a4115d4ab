import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/infrastructure/config/config.js';
import { redactedDatabase, startupSummary } from '../../../src/infrastructure/config/startup-summary.js';

const facts = { version: '1.2.3', migrationsApplied: [], apiUrl: 'http://127.0.0.1:3000', metricsUrl: undefined };

describe('the start-up summary an operator reads', () => {
  it('names the version, the URLs, the database, the migrations, the mail sink and the worker in one line', () => {
    const config = loadConfig({ DATA_DIR: '/var/lib/orders', JWT_SECRET: 'x'.repeat(40) });
    const { message, warnings } = startupSummary(config, { ...facts, migrationsApplied: ['0001-users-and-outbox', '0002-catalog-and-orders'], adminConsole: true });
    expect(message).toBe(
      'orders service 1.2.3 on development: API http://127.0.0.1:3000, docs http://127.0.0.1:3000/docs, admin http://127.0.0.1:3000/admin, metrics http://127.0.0.1:3000/metrics; ' +
        'database sqlite:/var/lib/orders/orders.sqlite (applied 0001-users-and-outbox, 0002-catalog-and-orders); mail: .eml files in /var/lib/orders/mail; worker on',
    );
    expect(warnings).toEqual([]);
  });

  it('never shows the database password, names the SMTP host without its credentials, and says when the worker runs elsewhere', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://orders:s3cret-pw@db.internal:5432/orders',
      SMTP_URL: 'smtp://mailer:mail-pw@smtp.example.com:587',
      RUN_WORKER: 'false',
      JWT_SECRET: 'x'.repeat(40),
    });
    const { message, fields } = startupSummary(config, { ...facts, metricsUrl: 'http://127.0.0.1:9464/metrics' });
    expect(message).toContain('database postgres://orders:***@db.internal:5432/orders (schema current)');
    expect(message).toContain('mail: SMTP smtp.example.com:587');
    expect(message).toContain('worker off');
    expect(message).toContain('admin not built (run `npm run build`)');
    expect(message).toContain('metrics http://127.0.0.1:9464/metrics');
    expect(JSON.stringify({ message, fields })).not.toMatch(/s3cret-pw|mail-pw/);
  });

  it('warns when the JWT secret was generated rather than configured', () => {
    const { warnings } = startupSummary(loadConfig({ DATA_DIR: '/tmp/orders' }), facts);
    expect(warnings).toEqual(['JWT secret generated into /tmp/orders/jwt-secret: set JWT_SECRET (the same on every node) before production']);
  });

  it('leaves a database URL without a password as it is', () => {
    expect(redactedDatabase('postgres://orders@db/orders')).toBe('postgres://orders@db/orders');
  });
});
