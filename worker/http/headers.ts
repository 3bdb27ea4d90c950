// Response headers of linli's own, shared by the routes that set them.

/** Rows a write cost in D1 (index entries and trigger writes included), for whoever watches the bill. */
export const ROWS_WRITTEN_HEADER = 'x-d1-rows-written';
