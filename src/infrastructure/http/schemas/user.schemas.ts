import { Type } from 'typebox';
import { component, refTo } from './component.schema.js';
import { pageOf } from './page.schema.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../domain/users/password-policy.js';
import { EmailOut, Id, Int32, INT32_MAX, Timestamp } from './primitives.schema.js';

export const UserSchema = component('User', Type.Object(
  {
    id: Id(),
    email: EmailOut,
    isActive: Type.Boolean(),
    role: Type.Union([Type.Literal('customer'), Type.Literal('admin')]),
    createdAt: Timestamp(),
  },
  { additionalProperties: false, description: 'A user account' },
));

export const UserPageSchema = component('UserPage', Object.assign(pageOf(refTo(UserSchema)), { description: 'A page of user accounts' }));

// Shape only: the domain decides what a valid email is (one rule, one place).
const EmailField = Type.String({ minLength: 1, maxLength: 320, examples: ['ada@example.com'] });

export const RegisterUserBody = Type.Object(
  {
    email: EmailField,
    // The domain counts code points; the edge just bounds the work (UTF-16 units ≤ 2 × 128).
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 2, description: `${PASSWORD_MIN}–${PASSWORD_MAX} characters` }),
  },
  { additionalProperties: false },
);

export const ChangeEmailBody = Type.Object({ email: EmailField }, { additionalProperties: false });

export const UserIdParams = Type.Object({ id: Id() });

export const TokenJsonBody = Type.Object(
  { email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }) },
  { additionalProperties: false },
);

export const TokenFormBody = Type.Object(
  {
    username: Type.String({ maxLength: 320 }),
    password: Type.String({ maxLength: 1024 }),
    grant_type: Type.Optional(Type.Literal('password')),
    scope: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);

export const TokenResponse = component('AccessToken', Type.Object(
  {
    access_token: Type.String({ maxLength: 4096, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' }),
    token_type: Type.Literal('bearer'),
    expires_in: Int32(1, INT32_MAX, { description: 'Seconds until the access token expires' }),
    refresh_token: Type.String({ maxLength: 256, pattern: '^[A-Za-z0-9_-]+$', description: 'Single use: trade it for the next access token and refresh token' }),
  },
  { additionalProperties: false, description: 'An access token and the refresh token that renews it (RFC 6749 §5.1)' },
));
