import { escapeHtml, htmlDocument } from './html.js';
import type { RenderedEmail } from './rendered-email.js';

export const welcomeEmail = (input: { email: string }): RenderedEmail => {
  const subject = 'Welcome to Orders';
  return {
    subject,
    text: `Hello,

Welcome to Orders! Your account ${input.email} is ready: you can sign in and place your first order.

— The Orders team
`,
    html: htmlDocument(
      subject,
      `<h1>Welcome to Orders!</h1>
<p>Your account <strong>${escapeHtml(input.email)}</strong> is ready: you can sign in and place your first order.</p>
<p>— The Orders team</p>`,
    ),
  };
};
