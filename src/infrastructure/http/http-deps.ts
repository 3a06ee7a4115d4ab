import type { FastifyRequest } from 'fastify';
import type { AuthenticateRequest } from '../../application/users/authenticate-request.use-case.js';
import type { ChangeEmail } from '../../application/users/change-email.use-case.js';
import type { DeactivateUser } from '../../application/users/deactivate-user.use-case.js';
import type { GetUser } from '../../application/users/get-user.use-case.js';
import type { IssueToken } from '../../application/users/issue-token.use-case.js';
import type { RegisterUser } from '../../application/users/register-user.use-case.js';
import type { LoginThrottle } from './login-throttle.js';

/** Everything the HTTP adapter needs, built once by the composition root. */
export interface HttpDeps {
  users: {
    register: RegisterUser;
    issueToken: IssueToken;
    authenticate: AuthenticateRequest;
    get: GetUser;
    changeEmail: ChangeEmail;
    deactivate: DeactivateUser;
  };
  requireUser: (request: FastifyRequest) => Promise<void>;
  loginThrottle: LoginThrottle;
  /** Resolves when the database answers; rejects otherwise. */
  checkReadiness: () => Promise<void>;
}
