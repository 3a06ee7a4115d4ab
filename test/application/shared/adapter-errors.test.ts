import { describe, expect, it } from 'vitest';
import { DependencyUnavailable } from '../../../src/application/shared/dependency-unavailable.error.js';
import { UnstorableInput } from '../../../src/application/shared/unstorable-input.error.js';

describe('adapter errors (what the logs show)', () => {
  it('DependencyUnavailable names the dependency and keeps the driver error as its cause', () => {
    const cause = new Error('connect ECONNREFUSED');
    const error = new DependencyUnavailable('database', { cause });
    expect(error).toMatchObject({ name: 'DependencyUnavailable', dependency: 'database', message: 'database is unavailable', cause });
  });

  it('UnstorableInput says the input holds characters the store cannot keep', () => {
    const error = new UnstorableInput();
    expect(error).toMatchObject({ name: 'UnstorableInput', message: 'the input contains characters that cannot be stored' });
  });
});
