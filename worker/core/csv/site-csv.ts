// Writes sites as CSV with the import's own columns, so that importing an export
// changes nothing. The template and the export are one format: Chinese headers and
// labels by default (what a street office fills in), English headers and codes on
// request; both import. A UTF-8 byte-order mark makes Excel read the Chinese correctly,
// and cells that a spreadsheet would run as formulas are escaped (./formula.ts).
import Papa from 'papaparse';
import type { Site } from '../site';
import {
  ACCESSIBILITY,
  AMENITIES,
  COORD_PRECISIONS,
  ELDER_SERVICES,
  KINDS,
  PARK_GRADES,
  PARK_TYPES,
  STATUSES,
  type Term,
  termOf,
} from '../vocabulary';
import { COLUMNS } from './columns';
import { escapeCell } from './formula';

export const BOM = '\uFEFF';

export type HeaderLanguage = 'en' | 'zh';

/** Columns whose cells are vocabulary terms, written as Chinese labels in a Chinese file. */
const TERMS: Record<string, readonly Term[]> = {
  kind: KINDS,
  amenities: AMENITIES,
  accessibility: ACCESSIBILITY,
  elder_services: ELDER_SERVICES,
  park_type: PARK_TYPES,
  park_grade: PARK_GRADES,
  status: STATUSES,
  coord_precision: COORD_PRECISIONS,
};

export type CsvRecord = Partial<Record<string, unknown>>;

function cell(record: CsvRecord, key: string, lang: HeaderLanguage): string {
  // Positions are stored in WGS-84, so that is what an export states (as a code: it reads in either language).
  if (key === 'coord_system') return 'wgs84';
  const value = record[key];
  if (value === null || value === undefined) return '';
  const terms = TERMS[key];
  const word = (v: unknown) => (lang === 'zh' && terms ? (termOf(terms, String(v))?.zh ?? String(v)) : String(v));
  return escapeCell(Array.isArray(value) ? value.map(word).join(';') : word(value));
}

const headerOf = (lang: HeaderLanguage) => COLUMNS.map((c) => (lang === 'zh' ? c.zh : c.key));

const csv = (records: readonly CsvRecord[], lang: HeaderLanguage) =>
  `${BOM}${Papa.unparse({ fields: headerOf(lang), data: records.map((r) => COLUMNS.map((c) => cell(r, c.key, lang))) }, { newline: '\r\n' })}\r\n`;

export function sitesCsv(sites: readonly Site[], lang: HeaderLanguage = 'zh'): string {
  return csv(sites, lang);
}

/** An empty file to fill in: the header and one example row, written as an export writes a site. */
export function templateCsv(lang: HeaderLanguage = 'zh'): string {
  return csv(
    [
      {
        external_id: 'jinsong-001',
        kind: 'rest_station',
        name: '劲松北社区户外劳动者驿站',
        street_code: '110105017',
        lat: 39.8836,
        lng: 116.4612,
        coord_precision: 'approximate',
        phones: ['010-67712345'],
        opening_hours: 'Mo-Su 08:00-20:00',
        amenities: ['toilet', 'drinking_water', 'charging'],
        status: 'open',
      },
    ],
    lang,
  );
}
