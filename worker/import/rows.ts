// Turns CSV text into site inputs, one per row, and lists every problem by row
// (as a spreadsheet numbers it: the header is row 1) and column (as headed in the file).
import Papa from 'papaparse';
import { SiteImportSchema, type SiteImport } from '../domain/site-input';
import { columnOf, type CellValue, type Column } from './columns';

export interface RowError {
  row: number;
  column: string | null;
  reason: string;
}

export interface CsvRow {
  row: number;
  input: SiteImport;
}

export const MAX_ROWS = 20_000;

const REQUIRED = ['kind', 'name', 'street_code', 'lat', 'lng'];

export function parseSiteRows(text: string): { rows: CsvRow[]; errors: RowError[]; headers: Map<string, string> } {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const errors: RowError[] = parsed.errors.map((e) => ({ row: (e.row ?? 0) + 1, column: null, reason: e.message }));
  const [header = [], ...body] = parsed.data;
  const columns: (Column | undefined)[] = header.map((h) => columnOf(h));
  /** API key → the header as the file writes it. */
  const headers = new Map<string, string>();
  header.forEach((h, i) => {
    const column = columns[i];
    if (!column) {
      if (h.trim()) errors.push({ row: 1, column: h, reason: 'unknown column' });
    } else if (headers.has(column.key)) {
      errors.push({ row: 1, column: h, reason: `names the same column as "${headers.get(column.key)}"` });
    } else {
      headers.set(column.key, h);
    }
  });
  const missing = REQUIRED.filter((k) => !headers.has(k));
  if (missing.length) errors.push({ row: 1, column: null, reason: `missing column(s) ${missing.join(', ')}` });
  if (body.length > MAX_ROWS) errors.push({ row: MAX_ROWS + 2, column: null, reason: `at most ${MAX_ROWS} rows per file` });
  if (errors.some((e) => e.row === 1) || body.length > MAX_ROWS) return { rows: [], errors, headers };

  const rows: CsvRow[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    const record: Record<string, CellValue> = {};
    let ok = true;
    columns.forEach((column, c) => {
      if (!column) return;
      const read = column.read(cells[c] ?? '');
      if ('reason' in read) {
        errors.push({ row, column: header[c]!, reason: read.reason });
        ok = false;
      } else if (read.value !== null) {
        record[column.key] = read.value;
      }
    });
    const result = SiteImportSchema.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? '');
        // A cell already reported as unreadable is not reported again as missing.
        if (errors.some((e) => e.row === row && e.column === headers.get(key))) continue;
        errors.push({ row, column: headers.get(key) ?? key, reason: issue.message });
      }
    } else if (ok) {
      rows.push({ row, input: result.data });
    }
  });
  return { rows, errors, headers };
}
