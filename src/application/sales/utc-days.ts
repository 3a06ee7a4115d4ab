/** Calendar days in UTC, as the sales report speaks them: `YYYY-MM-DD`, each starting at 00:00:00.000Z. */

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The earliest day a report may name: no order predates it, and every store can represent it. */
export const FIRST_REPORT_DAY = '1970-01-01';

/** The UTC midnight a `YYYY-MM-DD` names, or null for text that is not a real calendar day from FIRST_REPORT_DAY on. */
export const parseUtcDay = (text: string): Date | null => {
  if (!DAY.test(text) || text < FIRST_REPORT_DAY) return null;
  const midnight = new Date(`${text}T00:00:00.000Z`);
  // 2025-02-30 parses to nothing or rolls over; only a day that reads back the same is real.
  return !Number.isNaN(midnight.getTime()) && formatUtcDay(midnight) === text ? midnight : null;
};

export const formatUtcDay = (midnight: Date): string => midnight.toISOString().slice(0, 10);

/** Whole days from `from` to `to` (both UTC midnights). */
export const daysBetween = (from: Date, to: Date): number => Math.round((to.getTime() - from.getTime()) / DAY_MS);

/** Every day from `from` (inclusive) to `to` (exclusive), in order. */
export const eachUtcDay = (from: Date, to: Date): string[] =>
  Array.from({ length: Math.max(0, daysBetween(from, to)) }, (_, i) => formatUtcDay(new Date(from.getTime() + i * DAY_MS)));
