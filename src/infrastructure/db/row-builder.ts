export type RowBuilder = (values: readonly unknown[]) => Record<string, unknown>;

/**
 * Builds the row objects of one column list with a function compiled for it once:
 * `(v) => ({ "id": v[0], "sku": v[1], … })`.
 *
 * Why: assigning columns one by one to `{}` (what better-sqlite3 does natively, and what a
 * generic loop does) takes V8's megamorphic keyed-store path and a hidden-class transition per
 * column, per row. An object literal allocates the row with its final shape, the same shape for
 * every row of the statement, so the mappers that read it stay monomorphic. Same objects as
 * better-sqlite3's: same key order, and a repeated column name keeps the last value.
 *
 * Column names are embedded as JSON string literals (valid JavaScript for any string). A column
 * named `__proto__`, which a literal (or better-sqlite3's own assignment) would treat as the
 * prototype, is defined as a plain data property instead.
 */
export const rowBuilder = (names: readonly string[]): RowBuilder => {
  if (names.includes('__proto__')) {
    return (values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) Object.defineProperty(row, names[i] as string, { value: values[i], enumerable: true, writable: true, configurable: true });
      return row;
    };
  }
  const fields = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as RowBuilder;
};
