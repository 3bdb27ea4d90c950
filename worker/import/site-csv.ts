// Writes sites as CSV with the import's own columns, so that importing an export
// changes nothing. A UTF-8 byte-order mark makes Excel read the Chinese correctly.
import Papa from 'papaparse';
import type { Site } from '../domain/site';
import { COLUMNS } from './columns';

export const BOM = '\uFEFF';

function cell(site: Site, key: string): string {
  // Positions are stored in WGS-84, so that is what an export states.
  if (key === 'coord_system') return 'wgs84';
  const value = (site as Record<string, unknown>)[key];
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
}

export type HeaderLanguage = 'en' | 'zh';

const headerOf = (lang: HeaderLanguage) => COLUMNS.map((c) => (lang === 'zh' ? c.zh : c.key));

export function sitesCsv(sites: readonly Site[], lang: HeaderLanguage = 'en'): string {
  return BOM + Papa.unparse({ fields: headerOf(lang), data: sites.map((s) => COLUMNS.map((c) => cell(s, c.key))) }, { newline: '\r\n' }) + '\r\n';
}

/** An empty file to fill in: the header and one example row. */
export function templateCsv(lang: HeaderLanguage = 'zh'): string {
  const example: Record<string, string> = {
    external_id: 'jinsong-001', kind: lang === 'zh' ? '户外劳动者驿站' : 'rest_station', name: '劲松北社区户外劳动者驿站',
    street_code: '110105017', lat: '39.8836', lng: '116.4612', coord_system: 'wgs84', phones: '010-67712345',
    opening_hours: 'Mo-Su 08:00-20:00', amenities: lang === 'zh' ? '卫生间;饮水;手机充电' : 'toilet;drinking_water;charging',
    status: 'open',
  };
  return BOM + Papa.unparse({ fields: headerOf(lang), data: [COLUMNS.map((c) => example[c.key] ?? '')] }, { newline: '\r\n' }) + '\r\n';
}
