import type { Timestamp } from '../database.schema.js';

/** Timestamps come back as Date (pg) or ISO text (SQLite). */
export const toDate = (v: Timestamp): Date => (v instanceof Date ? v : new Date(v));
export const toIso = (d: Date): string => d.toISOString();
/** Booleans come back as boolean (pg) or 0/1 (SQLite); written as 1/0 for both. */
export const toBool = (v: number | boolean): boolean => v === true || v === 1;
export const fromBool = (b: boolean): number => (b ? 1 : 0);
