import { readFileSync } from 'node:fs';
import closeWithGrace from 'close-with-grace';
import { compose } from './composition-root.js';
import { ConfigError, loadConfig } from './infrastructure/config/config.js';
import { buildApp } from './infrastructure/http/app.js';
import { httpOptionsFromConfig } from './infrastructure/http/http-options.js';
import { buildMetricsApp } from './infrastructure/http/metrics-server.js';
import { startupSummary } from './infrastructure/config/startup-summary.js';

/** package.json's version: beside dist/ in a release, one level up under tsx. */
const version = (): string => {
  for (const path of ['../../package.json', '../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (manifest.name === 'orders-service') return manifest.version;
    } catch {
      // not there: try the next place
    }
  }
  return 'unknown';
};

/** The server process: configuration → composition → HTTP → graceful shutdown. */
const start = async (): Promise<void> => {
  const config = loadConfig(process.env);
  const services = await compose(config);
  const httpOptions = httpOptionsFromConfig(config);
  const app = await buildApp(services.http, httpOptions);
  // METRICS_PORT: /metrics on a port of its own (and no longer on the public one).
  const metricsApp = config.metricsPort === undefined ? undefined : await buildMetricsApp(app.scrapeMetrics, app.log);

  // SIGTERM/SIGINT: stop accepting, finish in-flight requests, then (services.close) let the
  // outbox dispatcher finish its batch, and only then release the mailer and the database.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'shutting down');
    // Keep-alive connections go idle as their last response is sent; close them as
    // they do, or server.close() would wait for the clients' keep-alive timeout.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
    await app.close();
    clearInterval(sweep);
    await metricsApp?.close();
    await services.close();
  });

  await app.listen({ host: config.host, port: config.port });
  if (metricsApp) await metricsApp.listen({ host: config.host, port: config.metricsPort });
  if (config.runWorker) {
    services.dispatcher.start();
    services.webhookWorker.start();
    services.housekeeping.start();
  }
  const urlOf = (server: typeof app.server) => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  };
  const summary = startupSummary(config, {
    version: version(),
    migrationsApplied: services.migrationsApplied,
    apiUrl: urlOf(app.server),
    metricsUrl: metricsApp ? `${urlOf(metricsApp.server)}/metrics` : undefined,
    adminConsole: httpOptions.adminConsoleDir !== undefined,
  });
  app.log.info({ startup: summary.fields }, summary.message);
  for (const warning of summary.warnings) app.log.warn(warning);
};

start().catch((err: unknown) => {
  // A bad configuration is one clear line, never a stack trace.
  if (err instanceof ConfigError) {
    process.stderr.write(`configuration error: ${err.message}\n`);
  } else {
    process.stderr.write(`failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
