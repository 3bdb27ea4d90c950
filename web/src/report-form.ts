// "Report a problem" with a site: a category and a short note, sent to the street office.
import { report } from './api/map';
import { ApiError } from './api/problem';
import type { ReportCategory } from './api/types';
import { h } from './dom';
import { t } from './i18n';

const CATEGORIES: readonly ReportCategory[] = ['closed', 'wrong_place', 'wrong_hours', 'other'];
const NOTE_MAX = 500;

export function reportForm(siteId: number): HTMLElement {
  const s = t();
  const noteId = `report-note-${siteId}`;
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const note = h('textarea', { id: noteId, name: 'note', maxlength: NOTE_MAX, rows: 3 });
  const send = h('button', { type: 'submit', class: 'primary' }, s.reportSend);
  const choices = CATEGORIES.map((c, i) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'category', value: c, checked: i === 0 }),
      h('span', {}, s.reportCategories[c]),
    ),
  );
  const form = h(
    'form',
    { class: 'report-form', novalidate: true },
    h('fieldset', {}, h('legend', {}, s.reportCategory), ...choices),
    h('label', { for: noteId }, s.reportNote),
    note,
    send,
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const checked = form.querySelector<HTMLInputElement>('input[name="category"]:checked');
    const category = CATEGORIES.find((c) => c === checked?.value) ?? 'other';
    send.disabled = true;
    status.className = 'form-status';
    status.textContent = s.reportSending;
    try {
      await report(siteId, category, note.value.slice(0, NOTE_MAX));
      status.classList.add('ok');
      status.textContent = s.reportThanks;
      note.value = '';
    } catch (err) {
      status.classList.add('error');
      const detail = err instanceof ApiError && err.status === 400 ? ` (${err.message})` : '';
      status.textContent = err instanceof ApiError && err.status === 429 ? s.reportTooMany : s.reportFailed + detail;
    } finally {
      send.disabled = false;
    }
  });
  return h('details', { class: 'report' }, h('summary', {}, s.report), h('p', {}, s.reportTitle), form);
}
