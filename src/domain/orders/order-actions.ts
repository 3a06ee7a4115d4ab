import type { Role } from '../users/role.js';

/** Everything a caller may do to an order, in the order clients show them. */
export const ORDER_ACTIONS = ['addItem', 'changeItem', 'removeItem', 'confirm', 'cancel', 'ship', 'deliver'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/**
 * Who looks at an order, as far as the order's rules care: the role, and whether they own it.
 * Webhooks render an order as an admin who does not own it sees it (`ADMIN_VIEWER`).
 */
export interface OrderViewer {
  readonly role: Role;
  readonly isOwner: boolean;
}

export const ADMIN_VIEWER: OrderViewer = { role: 'admin', isOwner: false };
