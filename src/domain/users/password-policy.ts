import { invalid } from '../shared/domain-error.js';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/**
 * The contract's policy: 8–128 characters, counted as Unicode code points so an
 * emoji is one character. Checked before hashing so an over-long input costs nothing.
 */
export const assertPasswordPolicy = (password: string, path = '/password'): void => {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
    throw invalid(path, `must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters`);
  }
};
