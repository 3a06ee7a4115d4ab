import { escapeHtml, htmlDocument } from './html.js';
import type { RenderedEmail } from './rendered-email.js';

/** The reset token, on a line of its own (`Reset token: <token>`) so a person or a script can copy it. */
export const passwordResetEmail = (input: { email: string; token: string; expiresAt: string }): RenderedEmail => {
  const subject = 'Reset your Orders password';
  return {
    subject,
    text: `Hello,

Someone asked to reset the password of your Orders account ${input.email}.
To choose a new password, send this token to POST /auth/password-reset/confirm
(it works once, until ${input.expiresAt}):

Reset token: ${input.token}

If you did not ask for this, ignore this email: your password stays as it is.

— The Orders team
`,
    html: htmlDocument(
      subject,
      `<h1>Reset your password</h1>
<p>Someone asked to reset the password of your Orders account <strong>${escapeHtml(input.email)}</strong>.
To choose a new password, send this token to <code>POST /auth/password-reset/confirm</code> (it works once, until ${escapeHtml(input.expiresAt)}):</p>
<p>Reset token: <code>${escapeHtml(input.token)}</code></p>
<p>If you did not ask for this, ignore this email: your password stays as it is.</p>
<p>— The Orders team</p>`,
    ),
  };
};
