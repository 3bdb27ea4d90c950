// Turns CSV text into rows of cell values, keyed by API field, and lists every problem
// by row (as a spreadsheet numbers it: the header is row 1) and column (as headed in the
// file). A row keeps the fields that read and validate; each bad cell is one problem,
// so a row with a bad longitude and bad hours reports both (the hours are checked later,
// with the site the row changes). Only the columns a file has are in a row: an import
// changes nothing a file does not carry.
import Papa from 'papaparse';
import { SiteImportSchema } from '../site-input';
import { type CellValue, type Column, columnOf } from './columns';
import { unescapeCell } from './formula';
import type { RowError } from './problems';

export type { RowError };

/** One data row: the API fields its cells give (empty cells as null), and the fields whose cells were bad. */
export interface CsvRow {
  row: number;
  cells: Partial<Record<string, CellValue>>;
  bad: Set<string>;
  /** Codes added to a list field beside what it holds (无障碍通道 in an earlier sheet's amenities). */
  adds?: Partial<Record<string, string[]>>;
}

export interface ParsedFile {
  rows: CsvRow[];
  errors: RowError[];
  /** API key → the header as the file writes it. */
  headers: Map<string, string>;
}

export const MAX_ROWS = 20_000;

/** Every field validated per cell (the kind-dependent rules need the whole site; see siteIssues). */
const FieldSchema = SiteImportSchema.partial();

export function parseSiteRows(text: string): ParsedFile {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const errors: RowError[] = parsed.errors.map((e) => ({ row: (e.row ?? 0) + 1, column: null, reason: e.message }));
  const [header = [], ...body] = parsed.data;
  const columns: (Column | undefined)[] = header.map((h) => columnOf(h));
  const headers = new Map<string, string>();
  header.forEach((h, i) => {
    const column = columns[i];
    if (!column) {
      if (h.trim()) errors.push({ row: 1, column: h, reason: 'unknown column' });
      columns[i] = undefined;
    } else if (headers.has(column.key)) {
      errors.push({ row: 1, column: h, reason: `names the same column as "${headers.get(column.key)}"` });
      columns[i] = undefined;
    } else {
      headers.set(column.key, h);
    }
  });
  // A row must find its site: by external_id, or by street_code + name.
  if (!headers.has('external_id') && !(headers.has('street_code') && headers.has('name'))) {
    errors.push({ row: 1, column: null, reason: 'the file needs the column(s) external_id, or street_code, name' });
  }
  if (headers.has('lat') !== headers.has('lng') || (headers.has('coord_system') && !headers.has('lat'))) {
    errors.push({ row: 1, column: null, reason: 'lat and lng go together' });
  }
  if (body.length > MAX_ROWS)
    errors.push({ row: MAX_ROWS + 2, column: null, reason: `at most ${MAX_ROWS} rows per file` });
  if (errors.some((e) => e.row === 1) || body.length > MAX_ROWS) return { rows: [], errors, headers };

  const rows: CsvRow[] = body.map((cells, i) => {
    const row = i + 2;
    const record: Partial<Record<string, CellValue>> = {};
    const bad = new Set<string>();
    const adds: Partial<Record<string, string[]>> = {};
    columns.forEach((column, c) => {
      if (!column) return;
      const read = column.read(unescapeCell(cells[c] ?? ''));
      if ('reason' in read) {
        errors.push({ row, column: header[c]!, reason: read.reason });
        bad.add(column.key);
      } else {
        record[column.key] = read.value;
        for (const [key, codes] of Object.entries(read.adds ?? {}))
          adds[key] = [...(adds[key] ?? []), ...(codes ?? [])];
      }
    });
    // An export writes the derived key of a site imported without external_id; it is a
    // key, not an id the user chose: read it as the derived key it is (the same site).
    if (typeof record.external_id === 'string' && record.external_id === `auto:${record.street_code}:${record.name}`) {
      delete record.external_id;
    }
    // Empty cells (null) are judged with the site they apply to (required, cleared or defaulted).
    const filled = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null));
    const result = FieldSchema.safeParse(filled);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (bad.has(key)) continue; // one problem per cell
        errors.push({ row, column: headers.get(key) ?? key, reason: issue.message });
        bad.add(key);
        delete record[key];
      }
    }
    // The schema trims text; keep its output for the cells that passed.
    if (result.success) Object.assign(record, result.data);
    return { row, cells: record, bad, ...(Object.keys(adds).length ? { adds } : {}) };
  });
  return { rows, errors, headers };
}
