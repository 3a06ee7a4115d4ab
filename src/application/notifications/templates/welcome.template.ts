import { escapeHtml, htmlDocument } from './html.js';
import type { RenderedEmail } from './rendered-email.js';
import { signatureHtml, signatureText, type ShopBranding } from './shop-branding.js';

export const welcomeEmail = (input: { email: string }, shop: ShopBranding): RenderedEmail => {
  const subject = `Welcome to ${shop.name}`;
  return {
    subject,
    text: `Hello,

Welcome to ${shop.name}! Your account ${input.email} is ready: you can sign in and place your first order.

${signatureText(shop)}
`,
    html: htmlDocument(
      subject,
      `<h1>Welcome to ${escapeHtml(shop.name)}!</h1>
<p>Your account <strong>${escapeHtml(input.email)}</strong> is ready: you can sign in and place your first order.</p>
${signatureHtml(shop)}`,
    ),
  };
};
