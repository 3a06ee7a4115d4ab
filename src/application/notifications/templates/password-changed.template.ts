import { escapeHtml, htmlDocument } from './html.js';
import type { RenderedEmail } from './rendered-email.js';
import { signatureHtml, signatureText, type ShopBranding } from './shop-branding.js';

/** Sent after a password change or reset: if the owner did not do it, their account was taken over. */
export const passwordChangedEmail = (input: { email: string; how: 'changed' | 'reset' }, shop: ShopBranding): RenderedEmail => {
  const subject = 'Your password was changed';
  const what = input.how === 'reset' ? 'was reset with a password reset email' : 'was changed';
  return {
    subject,
    text: `Hello,

The password of your ${shop.name} account ${input.email} ${what}. Every session was signed out.

If this was you, there is nothing to do. If it was not, someone else has your account:
ask for a password reset at once and contact us.

${signatureText(shop)}
`,
    html: htmlDocument(
      subject,
      `<h1>Your password was changed</h1>
<p>The password of your ${escapeHtml(shop.name)} account <strong>${escapeHtml(input.email)}</strong> ${escapeHtml(what)}. Every session was signed out.</p>
<p>If this was you, there is nothing to do. If it was not, someone else has your account: ask for a password reset at once and contact us.</p>
${signatureHtml(shop)}`,
    ),
  };
};
