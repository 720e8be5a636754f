/**
 * antd reads a row's `children` field as nested rows; the workforce contract uses `children` for a count of
 * children in difficulty. Tables of such rows point antd at a field no row has.
 */
export const FLAT_ROWS = { childrenColumnName: 'nestedRows' } as const
