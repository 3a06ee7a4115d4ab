import type { OrderShipped } from '../../../domain/orders/order-events.js';
import { escapeHtml, htmlDocument } from './html.js';
import { orderLinesHtml, orderLinesText } from './order-lines.js';
import type { RenderedEmail } from './rendered-email.js';
import { signatureHtml, signatureText, type ShopBranding } from './shop-branding.js';

/** Tells the customer the parcel left, with the carrier and tracking number when the admin gave them. */
export const orderShippedEmail = (order: OrderShipped['payload'], shop: ShopBranding): RenderedEmail => {
  const subject = `Your ${shop.name} order ${order.orderId} has shipped`;
  const via = order.carrier === null ? '' : ` with ${order.carrier}`;
  const tracking = order.trackingNumber === null ? null : `Tracking number: ${order.trackingNumber}`;
  return {
    subject,
    text: `Hello,

Your order ${order.orderId} has shipped${via}.
${tracking === null ? '' : `${tracking}\n`}
${orderLinesText(order)}

${signatureText(shop)}
`,
    html: htmlDocument(
      subject,
      `<h1>Your order has shipped</h1>
<p>Your order <code>${escapeHtml(order.orderId)}</code> has shipped${escapeHtml(via)}.</p>
${tracking === null ? '' : `<p>Tracking number: <code>${escapeHtml(order.trackingNumber ?? '')}</code></p>\n`}${orderLinesHtml(order)}
${signatureHtml(shop)}`,
    ),
  };
};
