import type { OrderEventPayload } from '../../../domain/orders/order-events.js';
import { escapeHtml, htmlDocument } from './html.js';
import { orderLinesHtml, orderLinesText } from './order-lines.js';
import type { RenderedEmail } from './rendered-email.js';
import { signatureHtml, signatureText, type ShopBranding } from './shop-branding.js';

export const orderConfirmationEmail = (order: OrderEventPayload, shop: ShopBranding): RenderedEmail => {
  const subject = `Your ${shop.name} order ${order.orderId} is confirmed`;
  return {
    subject,
    text: `Hello,

Thank you: your order ${order.orderId} is confirmed and its items are reserved.

${orderLinesText(order)}

${signatureText(shop)}
`,
    html: htmlDocument(
      subject,
      `<h1>Your order is confirmed</h1>
<p>Thank you: your order <code>${escapeHtml(order.orderId)}</code> is confirmed and its items are reserved.</p>
${orderLinesHtml(order)}
${signatureHtml(shop)}`,
    ),
  };
};
