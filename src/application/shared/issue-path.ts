import { DomainError } from '../../domain/shared/domain-error.js';

/**
 * Runs `work` and, if the domain refuses, re-roots its field paths under `prefix`:
 * the domain says `/quantity`, the request had it at `/items/2/quantity`.
 */
export const underPath = <T>(prefix: string, work: () => T): T => {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.issues.length === 0) throw error;
    const issues = error.issues.map((issue) => ({ ...issue, path: `${prefix}${issue.path}` }));
    throw new DomainError(error.code, error.message, issues, error.details);
  }
};
