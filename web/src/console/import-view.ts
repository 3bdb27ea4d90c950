// Bulk import: check (dry run) first, every problem listed by row and column; then
// import, all or nothing. Template download and exports sit beside it.

import { COLUMNS, MAX_LISTED_PROBLEMS } from '#core';
import { ApiError } from '../api/problem';
import type { ImportResult, RowError } from '../api/types';
import { fill, lang } from '../i18n';
import { t } from '../i18n/console';
import { errorText, type ViewContext } from './context';
import { el, replace, uid } from './dom';
import { uploadCsv } from './upload';

/** The problems by row as a spreadsheet numbers it (the header is row 1) and column; no column is the whole row or file. */
const problemsTable = (errors: RowError[]) =>
  el(
    'table',
    { class: 'import-errors' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...(['col_row', 'col_column', 'col_reason'] as const).map((k) => el('th', { scope: 'col' }, t()[k])),
      ),
    ),
    el(
      'tbody',
      {},
      ...[...errors]
        .sort((a, b) => a.row - b.row)
        .map((e) =>
          el('tr', {}, el('td', {}, String(e.row)), el('td', {}, e.column ?? t().whole_row), el('td', {}, e.reason)),
        ),
    ),
  );

const fieldLabel = (field: string) => {
  const column = COLUMNS.find((c) => c.key === field);
  return column && lang() === 'zh' ? column.zh : field;
};

const shown = (value: unknown) => {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0) || value === '')
    return t().value_empty;
  return Array.isArray(value) ? value.join(lang() === 'zh' ? '、' : ', ') : String(value);
};

/** Row by row, what the import creates and every field it changes, old → new. */
const changesTable = (changes: ImportResult['changes']) =>
  el(
    'table',
    { class: 'import-changes' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...(['col_row', 'col_site', 'col_action', 'col_field', 'col_old', 'col_new'] as const).map((k) =>
          el('th', { scope: 'col' }, t()[k]),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...changes.flatMap((c) =>
        c.action === 'create'
          ? [
              el(
                'tr',
                {},
                el('td', {}, String(c.row)),
                el('td', {}, c.name),
                el('td', {}, t().import_create),
                el('td', {}),
                el('td', {}),
                el('td', {}),
              ),
            ]
          : c.fields.map((f, i) =>
              el(
                'tr',
                {},
                el('td', {}, i === 0 ? String(c.row) : ''),
                el('td', {}, i === 0 ? c.name : ''),
                el('td', {}, i === 0 ? t().import_update : ''),
                el('td', {}, fieldLabel(f.field)),
                el('td', { class: 'old' }, shown(f.old)),
                el('td', { class: 'new' }, shown(f.new)),
              ),
            ),
      ),
    ),
  );

export function importView(ctx: ViewContext): void {
  const fileId = uid('csv');
  const file = el('input', { id: fileId, type: 'file', name: 'file', accept: '.csv,text/csv' });
  const farId = uid('far');
  const far = el('input', { id: farId, type: 'checkbox', name: 'confirm_far' });
  const check = el('button', { type: 'button', class: 'primary' }, t().import_check);
  const run = el('button', { type: 'button' }, t().import_run);
  run.disabled = true;
  const progress = el('progress', { max: 100, value: 0, hidden: true, 'aria-label': t().import_title });
  const status = el('p', { class: 'import-status', role: 'status' });
  const result = el('div', { class: 'import-result' });

  // A new file must be checked again before it can be imported.
  const reset = () => {
    run.disabled = true;
    replace(result);
    status.textContent = '';
  };
  file.addEventListener('change', reset);
  far.addEventListener('change', reset);

  const send = async (dryRun: boolean) => {
    const chosen = file.files?.[0];
    if (!chosen) {
      status.textContent = t().import_choose_file;
      return;
    }
    check.disabled = run.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    replace(result);
    try {
      const outcome: ImportResult = await uploadCsv(chosen, { dryRun, confirmFar: far.checked }, (p) => {
        if (p.phase === 'uploading') {
          progress.value = p.percent;
          status.textContent = fill(t().import_uploading, { percent: p.percent });
        } else {
          progress.removeAttribute('value'); // indeterminate while the server works
          status.textContent = t().import_processing;
        }
      });
      const counts = {
        rows: outcome.rows,
        created: outcome.created,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
      };
      status.textContent = fill(t()[dryRun ? 'import_dry_ok' : 'import_done'], counts);
      run.disabled = !dryRun;
      if (outcome.changes.length) {
        replace(
          result,
          el('h3', {}, t()[dryRun ? 'import_changes_title' : 'import_changes_done']),
          changesTable(outcome.changes),
          ...(outcome.changes_omitted
            ? [el('p', {}, fill(t().import_changes_more, { n: outcome.changes_omitted }))]
            : []),
        );
      }
    } catch (error) {
      if (error instanceof ApiError && error.rowErrors.length) {
        // Past the listed maximum, the server's detail (in this language) says how many there are in all.
        status.textContent =
          error.rowErrors.length >= MAX_LISTED_PROBLEMS
            ? error.detail
            : fill(t().import_problems, { n: error.rowErrors.length });
        replace(result, problemsTable(error.rowErrors));
      } else {
        status.textContent =
          error instanceof ApiError && error.invalidParams.length
            ? error.invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; ')
            : errorText(error);
        ctx.fail(error);
      }
    } finally {
      check.disabled = false;
      progress.hidden = true;
    }
  };
  check.addEventListener('click', () => void send(true));
  run.addEventListener('click', () => void send(false));

  replace(
    ctx.main,
    el('h2', {}, t().import_title),
    el('p', {}, t().import_intro),
    el(
      'p',
      { class: 'links' },
      el(
        'a',
        { class: 'button', href: '/api/v1/imports/template.csv', download: 'linli-template.csv' },
        t().import_template,
      ),
      el('a', { class: 'button', href: '/api/v1/exports/sites.csv', download: 'linli-sites.csv' }, t().export_csv),
      el(
        'a',
        { class: 'button', href: '/api/v1/exports/sites.geojson', download: 'linli-sites.geojson' },
        t().export_geojson,
      ),
    ),
    el(
      'div',
      { class: 'card' },
      el('div', { class: 'field' }, el('label', { for: fileId }, t().import_file), file),
      el('div', { class: 'field checkbox' }, far, el('label', { for: farId }, t().import_confirm_far)),
      el('div', { class: 'buttons' }, check, run),
      progress,
      status,
      result,
    ),
  );
}
