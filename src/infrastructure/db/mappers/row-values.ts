import type { Timestamp } from '../database.schema.js';

/** Timestamps come back as Date (pg) or ISO text (SQLite). */
export const toDate = (v: Timestamp): Date => (v instanceof Date ? v : new Date(v));
export const toIso = (d: Date): string => d.toISOString();
/** A timestamp as ISO text without a Date round trip: SQLite keeps the text toIso wrote (canonical); pg gives a Date. */
export const toIsoText = (v: Timestamp): string => (typeof v === 'string' ? v : toIso(v));
/** Booleans come back as boolean (pg) or 0/1 (SQLite); written as 1/0 for both. */
export const toBool = (v: number | boolean): boolean => v === true || v === 1;
export const fromBool = (b: boolean): number => (b ? 1 : 0);
