import { Type } from 'typebox';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../domain/users/password-policy.js';

// Refresh and reset tokens are 32 random bytes in base64url (43 characters); the bound only limits work.
const OpaqueToken = Type.String({ minLength: 1, maxLength: 256, pattern: '^[A-Za-z0-9_-]+$' });
const NewPassword = Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 2, description: `${PASSWORD_MIN}–${PASSWORD_MAX} characters` });

/** The refresh grant as OAuth2 clients send it (RFC 6749 §6). */
export const RefreshFormBody = Type.Object(
  { grant_type: Type.Literal('refresh_token'), refresh_token: OpaqueToken, scope: Type.Optional(Type.String({ maxLength: 1024 })) },
  { additionalProperties: false },
);

export const RefreshJsonBody = Type.Object({ refreshToken: OpaqueToken }, { additionalProperties: false });

export const LogoutBody = Type.Object({ refreshToken: OpaqueToken }, { additionalProperties: false });

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ maxLength: 1024 }), newPassword: NewPassword },
  { additionalProperties: false },
);

export const PasswordResetBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 320, examples: ['ada@example.com'] }) },
  { additionalProperties: false },
);

export const PasswordResetConfirmBody = Type.Object({ token: OpaqueToken, newPassword: NewPassword }, { additionalProperties: false });
