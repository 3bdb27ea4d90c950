// HSDS's paginated response (the Page schema of the HSDS 3.1 OpenAPI document).

/** Defaults and bounds of the paging parameters, declared once. */
export const PAGE_LIMITS = { per_page: { default: 50, min: 1, max: 500 }, page: { min: 1, max: 1_000_000 } } as const;

export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** The page `pageNumber` (1-based) of `perPage` items, given the page's items and the total. */
export function page<T>(contents: T[], total: number, pageNumber: number, perPage: number): Page<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** One JSON document per line (the ndjson full export). */
export const ndjson = (items: readonly unknown[]) => items.map((i) => `${JSON.stringify(i)}\n`).join('');
