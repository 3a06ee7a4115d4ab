import { sql } from 'kysely';
import type { PasswordHasher } from './application/ports/password-hasher.port.js';
import { AuthenticateRequest } from './application/users/authenticate-request.use-case.js';
import { ChangeEmail } from './application/users/change-email.use-case.js';
import { DeactivateUser } from './application/users/deactivate-user.use-case.js';
import { GetUser } from './application/users/get-user.use-case.js';
import { IssueToken } from './application/users/issue-token.use-case.js';
import { RegisterUser } from './application/users/register-user.use-case.js';
import type { Clock } from './domain/shared/clock.port.js';
import type { IdGenerator } from './domain/shared/id-generator.port.js';
import type { AppConfig } from './infrastructure/config/config.js';
import { openDatabase, type Database } from './infrastructure/db/database.js';
import { KyselyUnitOfWork } from './infrastructure/db/kysely-unit-of-work.js';
import { migrateToLatest } from './infrastructure/db/migrate.js';
import { sqlRepositories } from './infrastructure/db/sql-repositories.js';
import { bearerAuth } from './infrastructure/http/auth.js';
import type { HttpDeps } from './infrastructure/http/http-deps.js';
import { InProcessFailureStore, LoginThrottle } from './infrastructure/http/login-throttle.js';
import { Argon2PasswordHasher } from './infrastructure/security/argon2-password-hasher.js';
import { JoseTokenService } from './infrastructure/security/jose-token-service.js';
import { resolveJwtSecret } from './infrastructure/security/jwt-secret.js';
import { SystemClock } from './infrastructure/security/system-clock.js';
import { UuidV7IdGenerator } from './infrastructure/security/uuid-v7-id-generator.js';

/** Ports a test may swap (a fixed clock, a cheaper hasher); production uses the defaults. */
export interface Overrides {
  clock?: Clock;
  ids?: IdGenerator;
  hasher?: PasswordHasher;
}

export interface Services {
  readonly config: AppConfig;
  readonly database: Database;
  readonly http: HttpDeps;
  close(): Promise<void>;
}

/**
 * Wires adapters into ports, once per process. main.ts (the server), cli.ts and
 * the tests all build the service through here, so they run the same graph.
 */
export const compose = async (config: AppConfig, overrides: Overrides = {}): Promise<Services> => {
  const clock = overrides.clock ?? new SystemClock();
  const ids = overrides.ids ?? new UuidV7IdGenerator();
  const hasher = overrides.hasher ?? new Argon2PasswordHasher();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  const uow = new KyselyUnitOfWork(database.db, sqlRepositories(ids));
  const tokens = new JoseTokenService(resolveJwtSecret(config.jwtSecret, config.dataDir), config.tokenTtlSeconds);

  const authenticate = new AuthenticateRequest({ uow, tokens });
  const http: HttpDeps = {
    users: {
      register: new RegisterUser({ uow, hasher, clock, ids }),
      issueToken: new IssueToken({ uow, hasher, tokens }),
      authenticate,
      get: new GetUser({ uow }),
      changeEmail: new ChangeEmail({ uow, clock }),
      deactivate: new DeactivateUser({ uow, clock }),
    },
    requireUser: bearerAuth(authenticate),
    loginThrottle: new LoginThrottle(new InProcessFailureStore()),
    checkReadiness: async () => {
      await sql`select 1`.execute(database.db);
    },
  };

  return { config, database, http, close: () => database.close() };
};
