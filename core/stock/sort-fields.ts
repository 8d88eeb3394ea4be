/** Columns the stock grid may sort by (shared by the contract and the stock service). */
export const BALANCE_SORT_FIELDS = ['siteName', 'itemName', 'lotNo', 'expiryDate', 'quantity', 'daysToExpiry', 'category'] as const
export type BalanceSortField = (typeof BALANCE_SORT_FIELDS)[number]
