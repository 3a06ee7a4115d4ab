/** Recognises a unique-constraint violation from either driver, optionally on one constraint/column. */
export const isUniqueViolation = (error: unknown, hint?: string): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: string; constraint?: string; message?: string };
  const unique = e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (!unique || hint === undefined) return unique;
  return (e.constraint ?? '').includes(hint) || (e.message ?? '').includes(hint);
};
