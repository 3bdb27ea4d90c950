// How site fields and values read in the console: field names and vocabulary codes
// in the reader's language (history, conflict view).
import {
  ACCESSIBILITY,
  AMENITIES,
  COORD_PRECISIONS,
  COORD_SYSTEMS,
  ELDER_SERVICES,
  FORMER_TERMS,
  KINDS,
  PARK_GRADES,
  PARK_TYPES,
  SOURCES,
  STATUSES,
  type Term,
} from '#core';
import type { Site } from '../api/types';
import { label } from '../i18n';
import { CONSOLE_MESSAGES, type ConsoleKey, t } from '../i18n/console';
import { type Formatter, show } from './history-diff';

const VOCABULARY: Partial<Record<keyof Site, readonly Term[]>> = {
  kind: KINDS,
  status: STATUSES,
  source: SOURCES,
  coord_system: COORD_SYSTEMS,
  coord_precision: COORD_PRECISIONS,
  park_type: PARK_TYPES,
  park_grade: PARK_GRADES,
  amenities: AMENITIES,
  elder_services: ELDER_SERVICES,
  accessibility: ACCESSIBILITY,
};

/** The form's label of a field, or the API name when the form has none. */
export function fieldLabel(field: keyof Site): string {
  const key = `f_${field}`;
  return key in CONSOLE_MESSAGES ? t()[key as ConsoleKey] : field;
}

/** History from before migration 0007 holds former codes (pocket …): they read as they did then. */
const termLabel = (list: readonly Term[], code: unknown) => label([...list, ...FORMER_TERMS], String(code));

export const formatValue: Formatter = (field, value) => {
  const list = VOCABULARY[field];
  if (!list || value === null || value === undefined) return show(field, value);
  return Array.isArray(value) ? value.map((code) => termLabel(list, code)).join('、') : termLabel(list, value);
};
