import { invalid } from '../../domain/shared/domain-error.js';

// RFC 3339 date-time (section 5.6): full date, `T` (or a space, as RFC 3339 allows), time, optional fraction, `Z` or an offset.
// A space where the offset's sign belongs is a `+` that a query string decoded (an unencoded `+01:00`): read as `+`.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+\- ])(\d{2}):(\d{2}))$/;

/** The shape alone, for a JSON Schema `pattern` (the edge refuses a malformed bound before the use case runs). */
export const RFC3339_PATTERN = RFC3339.source;

// The instants every store compares correctly: ISO text on SQLite and PostgreSQL's timestamptz both stop at years 0001–9999 (UTC).
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * An RFC 3339 timestamp with any offset, as the instant it names; anything else → 422 naming `path`.
 * Stored times have millisecond precision: a finer fraction rounds UP to the next millisecond, so
 * as an inclusive lower or exclusive upper bound it selects exactly the stored times it should.
 */
export const parseRfc3339 = (value: string, path: string): Date => {
  const m = RFC3339.exec(value);
  const refuse = () => invalid(path, 'must be an RFC 3339 date-time, e.g. 2025-01-31T00:00:00Z or 2025-01-31T01:00:00+01:00');
  if (!m) throw refuse();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  // Second 60 is a leap second in RFC 3339; JavaScript time has none, so it is refused rather than silently moved.
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    throw refuse();
  }
  const offset = m[9] === undefined ? m[8]!.toUpperCase() : `${m[9] === '-' ? '-' : '+'}${m[10]}:${m[11]}`;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${offset}`);
  if (Number.isNaN(at.getTime())) throw refuse();
  const subMillisecond = /[1-9]/.test((m[7] ?? '').slice(4));
  const instant = subMillisecond ? at.getTime() + 1 : at.getTime();
  // An offset (or the rounding) can carry valid text out of that range: 9999-12-31T23:59:59-14:00 is in year 10000.
  if (instant < EARLIEST || instant > LATEST) throw invalid(path, 'must name an instant from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z (UTC)');
  return new Date(instant);
};
