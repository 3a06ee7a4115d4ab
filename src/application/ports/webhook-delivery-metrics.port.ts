/** How one webhook delivery attempt ended: delivered, given up for good, or failed and scheduled again. */
export type WebhookDeliveryOutcome = 'succeeded' | 'failed' | 'retrying';

/**
 * Where a webhook sender reports each attempt's outcome (`webhook_deliveries_total{outcome}` on
 * /metrics), without knowing how the figure is kept. The composition root passes its BusinessMetrics.
 */
export interface WebhookDeliveryMetrics {
  webhookDelivery(outcome: WebhookDeliveryOutcome): void;
}
