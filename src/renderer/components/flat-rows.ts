/**
 * Table reads a row's `children` as nested rows, but in this contract `children` is a count of children in
 * difficulty. Tables over such rows point tree data at a key no row has.
 */
export const FLAT_ROWS = { childrenColumnName: 'nestedRowsNotUsed' } as const
