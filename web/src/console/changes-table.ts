// A table of field changes, before → after: the history of a site and the conflict of a
// save (what someone else changed meanwhile) show changes the same way.
import { t } from '../i18n/console';
import { el } from './dom';
import type { FieldChange } from './history-diff';
import { fieldLabel } from './site-text';

/** `marked`: the old value struck through and the new one marked inserted, as a history reads. */
export function changesTable(changes: readonly FieldChange[], { marked = false } = {}): HTMLElement {
  const cell = (text: string, tag: 'del' | 'ins') => el('td', {}, marked ? el(tag, {}, text) : text);
  return el(
    'table',
    {},
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...(['history_field', 'history_before', 'history_after'] as const).map((k) =>
          el('th', { scope: 'col' }, t()[k]),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...changes.map((c) =>
        el('tr', {}, el('th', { scope: 'row' }, fieldLabel(c.field)), cell(c.before, 'del'), cell(c.after, 'ins')),
      ),
    ),
  );
}
