import type { AppConfig } from './config.js';

/** What start-up knows beyond the configuration. */
export interface StartupFacts {
  version: string;
  /** The migrations this start applied (empty: the schema was already current). */
  migrationsApplied: readonly string[];
  /** Where the API listens, as clients reach it (the bound port, not a configured 0). */
  apiUrl: string;
  metricsUrl: string | undefined;
  /** Whether the admin console was built and is served at /admin. */
  adminConsole?: boolean;
}

export interface StartupSummary {
  /** One line an operator reads. */
  message: string;
  /** The same facts as fields, for log search. */
  fields: Record<string, unknown>;
  /** Things an operator should change before production. */
  warnings: string[];
}

/** A database URL without its password, so the summary can be logged. */
export const redactedDatabase = (databaseUrl: string): string => {
  if (databaseUrl.startsWith('sqlite:')) return databaseUrl;
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
};

const mailSink = (config: AppConfig): string => (config.smtpUrl ? `SMTP ${new URL(config.smtpUrl).host}` : `.eml files in ${config.mailDir}`);

/** The start-up summary: version, database, migrations, mail, worker and URLs, and what to fix. */
export const startupSummary = (config: AppConfig, facts: StartupFacts): StartupSummary => {
  const database = redactedDatabase(config.databaseUrl);
  const migrations = facts.migrationsApplied.length > 0 ? `applied ${facts.migrationsApplied.join(', ')}` : 'schema current';
  const mail = mailSink(config);
  const worker = config.runWorker ? 'on' : 'off (run `cli worker` elsewhere)';
  const metrics = facts.metricsUrl ?? `${facts.apiUrl}/metrics`;
  const admin = facts.adminConsole === true ? `${facts.apiUrl}/admin` : 'not built (run `npm run build`)';
  const warnings: string[] = [];
  if (config.jwtSecret === undefined) {
    warnings.push(`JWT secret generated into ${config.dataDir}/jwt-secret: set JWT_SECRET (the same on every node) before production`);
  }
  return {
    message:
      `orders service ${facts.version} on ${config.nodeEnv}: API ${facts.apiUrl}, docs ${facts.apiUrl}/docs, admin ${admin}, metrics ${metrics}; ` +
      `database ${database} (${migrations}); mail: ${mail}; worker ${worker}`,
    fields: { version: facts.version, nodeEnv: config.nodeEnv, api: facts.apiUrl, admin, metrics, database, migrationsApplied: facts.migrationsApplied, mail, worker: config.runWorker },
    warnings,
  };
};
