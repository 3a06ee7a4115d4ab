import type { OrderCancelled } from '../../../domain/orders/order-events.js';
import { escapeHtml, htmlDocument } from './html.js';
import { orderLinesHtml, orderLinesText } from './order-lines.js';
import type { RenderedEmail } from './rendered-email.js';
import { signatureHtml, signatureText, type ShopBranding } from './shop-branding.js';

export const orderCancellationEmail = (order: OrderCancelled['payload'], shop: ShopBranding): RenderedEmail => {
  const subject = `Your ${shop.name} order ${order.orderId} is cancelled`;
  // Only a confirmed order had reserved items; a pending one had nothing to release.
  const released = order.previousStatus === 'confirmed' ? ' Its reserved items have been released.' : '';
  return {
    subject,
    text: `Hello,

Your order ${order.orderId} has been cancelled.${released}

${orderLinesText(order)}

${signatureText(shop)}
`,
    html: htmlDocument(
      subject,
      `<h1>Your order is cancelled</h1>
<p>Your order <code>${escapeHtml(order.orderId)}</code> has been cancelled.${escapeHtml(released)}</p>
${orderLinesHtml(order)}
${signatureHtml(shop)}`,
    ),
  };
};
