import type { AppConfig } from '../config/config.js';
import { builtConsoleDir } from './admin-console.js';
import { LOG_REDACT, requestLogSerializer, type HttpOptions } from './app.js';

/** The one place the server's HTTP options come from: main.ts and the tests share it. */
export const httpOptionsFromConfig = (config: AppConfig, logStream?: NodeJS.WritableStream): HttpOptions => ({
  logger: {
    level: config.logLevel,
    redact: { paths: LOG_REDACT, censor: '[redacted]' },
    serializers: { req: requestLogSerializer },
    ...(logStream ? { stream: logStream } : {}),
  },
  bodyLimit: config.bodyLimit,
  trustProxy: config.trustProxy,
  corsOrigins: config.corsOrigins,
  timeouts: config.httpTimeouts,
  serveMetrics: config.metricsPort === undefined,
  adminConsoleDir: builtConsoleDir(),
});
