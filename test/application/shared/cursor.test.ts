import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../src/application/shared/cursor.js';
import { refusal } from '../../support/refusal.js';

describe('cursor', () => {
  it('round-trips any id', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 100, unit: 'grapheme' }), (id) => decodeCursor(encodeCursor(id)) === id));
  });

  it('is URL-safe', () => {
    expect(encodeCursor('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('treats an absent cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor(null)).toBeNull();
  });

  it.each(['', 'not a cursor', 'YQ==', 'x'.repeat(201), '_w'])('refuses %j at /cursor', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(
      expect.objectContaining({ code: 'validation.invalid', issues: [expect.objectContaining({ path: 'cursor' })] }),
    );
  });
});

describe('cursor tampering', () => {
  it('refuses a cursor longer than 200 characters, even one that decodes', () => {
    const long = encodeCursor('x'.repeat(151));
    expect(long.length).toBeGreaterThan(200);
    expect(refusal(() => decodeCursor(long)).issues.map((i) => i.path)).toEqual(['cursor']);
    expect(decodeCursor(encodeCursor('x'.repeat(150)))).toBe('x'.repeat(150));
  });

  it('refuses a non-canonical spelling of a valid cursor', () => {
    expect(encodeCursor('a')).toBe('YQ');
    expect(refusal(() => decodeCursor('YR')).issues.map((i) => i.path)).toEqual(['cursor']);
  });

  it('refuses a cursor that is not UTF-8', () => {
    expect(refusal(() => decodeCursor('_w')).code).toBe('validation.invalid');
  });

  it('refuses at /cursor a cursor whose id holds a NUL (PostgreSQL cannot compare it: a 400 instead of a 422)', () => {
    expect(refusal(() => decodeCursor(encodeCursor('a\u0000b'))).issues).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it('refuses at /cursor a cursor whose bytes decode to an empty id (a lone byte-order mark)', () => {
    expect(refusal(() => decodeCursor('77u_')).issues).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });
});
