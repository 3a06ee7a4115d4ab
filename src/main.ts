import closeWithGrace from 'close-with-grace';
import { compose } from './composition-root.js';
import { ConfigError, loadConfig } from './infrastructure/config/config.js';
import { buildApp } from './infrastructure/http/app.js';
import { httpOptionsFromConfig } from './infrastructure/http/http-options.js';

/** The server process: configuration → composition → HTTP → graceful shutdown. */
const start = async (): Promise<void> => {
  const config = loadConfig(process.env);
  const services = await compose(config);
  const app = await buildApp(services.http, httpOptionsFromConfig(config));

  // SIGTERM/SIGINT: stop accepting, finish in-flight requests, then release the database.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await services.close();
  });

  await app.listen({ host: config.host, port: config.port });
  app.log.info(`docs at http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/docs`);
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
