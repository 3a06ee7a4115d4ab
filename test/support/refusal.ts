import { DomainError } from '../../src/domain/shared/domain-error.js';

/** The DomainError that `work` throws (fails the test if it throws nothing, rethrows anything else). */
export const refusal = (work: () => unknown): DomainError => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};
