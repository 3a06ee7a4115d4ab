import { escapeHtml, htmlDocument } from './html.js';
import type { RenderedEmail } from './rendered-email.js';
import { signatureHtml, signatureText, type ShopBranding } from './shop-branding.js';

/** The reset token, on a line of its own (`Reset token: <token>`) so a person or a script can copy it. */
export const passwordResetEmail = (input: { email: string; token: string; expiresAt: string }, shop: ShopBranding): RenderedEmail => {
  const subject = `Reset your ${shop.name} password`;
  return {
    subject,
    text: `Hello,

Someone asked to reset the password of your ${shop.name} account ${input.email}.
To choose a new password, send this token to POST /auth/password-reset/confirm
(it works once, until ${input.expiresAt}):

Reset token: ${input.token}

If you did not ask for this, ignore this email: your password stays as it is.

${signatureText(shop)}
`,
    html: htmlDocument(
      subject,
      `<h1>Reset your password</h1>
<p>Someone asked to reset the password of your ${escapeHtml(shop.name)} account <strong>${escapeHtml(input.email)}</strong>.
To choose a new password, send this token to <code>POST /auth/password-reset/confirm</code> (it works once, until ${escapeHtml(input.expiresAt)}):</p>
<p>Reset token: <code>${escapeHtml(input.token)}</code></p>
<p>If you did not ask for this, ignore this email: your password stays as it is.</p>
${signatureHtml(shop)}`,
    ),
  };
};
