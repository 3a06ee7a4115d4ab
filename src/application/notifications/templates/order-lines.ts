import type { OrderEventPayload } from '../../../domain/orders/order-events.js';
import { escapeHtml } from './html.js';
import { formatMoney as money } from './money-format.js';

/** The items and total as plain text, one line per item. */
export const orderLinesText = (order: OrderEventPayload): string => {
  const { currency } = order.total;
  const lines = order.items.map(
    (item) =>
      `- ${item.productName} × ${item.quantity} at ${money(item.unitPrice, currency)} = ${money(item.lineTotal, currency)}`,
  );
  return `${lines.join('\n')}\nTotal: ${money(order.total.amount, currency)}`;
};

/** The items and total as an HTML table; every value is escaped. */
export const orderLinesHtml = (order: OrderEventPayload): string => {
  const { currency } = order.total;
  const cell = (value: string, align = 'left') => `<td style="padding: 4px 8px; text-align: ${align};">${escapeHtml(value)}</td>`;
  const rows = order.items
    .map(
      (item) =>
        `<tr>${cell(item.productName)}${cell(String(item.quantity), 'right')}${cell(money(item.unitPrice, currency), 'right')}${cell(money(item.lineTotal, currency), 'right')}</tr>`,
    )
    .join('\n');
  return `<table style="border-collapse: collapse;">
<thead><tr><th style="text-align: left; padding: 4px 8px;">Item</th><th style="text-align: right; padding: 4px 8px;">Quantity</th><th style="text-align: right; padding: 4px 8px;">Unit price</th><th style="text-align: right; padding: 4px 8px;">Line total</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th colspan="3" style="text-align: right; padding: 4px 8px;">Total</th>${cell(money(order.total.amount, currency), 'right')}</tr></tfoot>
</table>`;
};
