import { invalid } from '../shared/domain-error.js';

export const CARRIER_MAX_LENGTH = 100;
export const TRACKING_NUMBER_MAX_LENGTH = 200;

/** How an order travels: set when it ships, completed when it arrives. What was not given is null. */
export interface Shipment {
  readonly carrier: string | null;
  readonly trackingNumber: string | null;
  readonly shippedAt: Date;
  readonly deliveredAt: Date | null;
}

/** What an admin says when shipping: both optional, each 1–max characters when given. */
export interface ShipmentDetails {
  readonly carrier?: string | null | undefined;
  readonly trackingNumber?: string | null | undefined;
}

const bounded = (value: string | null | undefined, path: string, max: number): string | null => {
  if (value === undefined || value === null) return null;
  if (value.length < 1 || value.length > max) throw invalid(path, `must be 1–${max} characters`);
  // PostgreSQL cannot store NUL; the HTTP edge refuses it already, the domain does not rely on that.
  if (value.includes('\u0000')) throw invalid(path, 'must not contain NUL characters (U+0000)');
  return value;
};

export const shipmentDetails = (details: ShipmentDetails): { carrier: string | null; trackingNumber: string | null } => ({
  carrier: bounded(details.carrier, '/carrier', CARRIER_MAX_LENGTH),
  trackingNumber: bounded(details.trackingNumber, '/trackingNumber', TRACKING_NUMBER_MAX_LENGTH),
});
