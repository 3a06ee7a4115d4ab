import { expect } from 'vitest';
import { DomainError } from '../../src/domain/shared/domain-error.js';

/**
 * Every refusal explains itself: a client sees the message as the problem's `detail`
 * and each issue as a field error, so none of them may be blank.
 */
export const expectExplained = (error: DomainError): DomainError => {
  expect(error.message, `the ${error.code} refusal has no message`).toMatch(/\S/);
  for (const issue of error.issues) {
    expect(issue.path, `an issue of ${error.code} names no field`).toMatch(/\S/);
    expect(issue.message, `the issue at ${issue.path} has no message`).toMatch(/\S/);
  }
  return error;
};

/** The DomainError that `work` throws (fails the test if it throws nothing, rethrows anything else), checked to explain itself. */
export const refusal = (work: () => unknown): DomainError => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return expectExplained(error);
    throw error;
  }
  throw new Error('expected a DomainError');
};

/** The DomainError that `promise` rejects with, checked to explain itself. */
export const refused = async (promise: Promise<unknown>): Promise<DomainError> => {
  const error = await promise.then(
    () => {
      throw new Error('expected a DomainError');
    },
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw error;
  return expectExplained(error);
};
