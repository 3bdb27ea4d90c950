// Labelled form controls and the messages shown next to them. Every control has a
// visible <label> (or a <fieldset> legend); errors are tied to it with aria-describedby.
import type { Term } from '#core';
import { label } from '../i18n';
import { el, replace, uid } from './dom';

export interface TextOptions {
  type?: string;
  required?: boolean;
  multiline?: boolean;
  autocomplete?: string;
  inputmode?: string;
  hint?: string;
}

/** A wrapper `[data-field=name]` holding the label, the control and an empty error slot. */
function wrap(name: string, ...children: Node[]): HTMLElement {
  const error = el('p', { class: 'field-error', id: uid(`err-${name}`), hidden: true });
  return el('div', { class: 'field', 'data-field': name }, ...children, error);
}

export function textField(name: string, text: string, value: string, options: TextOptions = {}) {
  const id = uid(`f-${name}`);
  const control = options.multiline
    ? el('textarea', { id, name, rows: 3, required: options.required })
    : el('input', {
        id,
        name,
        type: options.type ?? 'text',
        required: options.required,
        autocomplete: options.autocomplete,
        inputmode: options.inputmode,
      });
  control.value = value;
  const hint = options.hint ? el('p', { class: 'hint', id: `${id}-hint` }, options.hint) : null;
  if (hint) control.setAttribute('aria-describedby', hint.id);
  return { field: wrap(name, el('label', { for: id }, text), control, ...(hint ? [hint] : [])), control };
}

export interface Option {
  value: string;
  text: string;
}

export const termOptions = (list: readonly Term[]): Option[] =>
  list.map((term) => ({ value: term.code, text: label(list, term.code) }));

export function selectField(name: string, text: string, options: Option[], value: string, placeholder?: string) {
  const id = uid(`f-${name}`);
  const control = el(
    'select',
    { id, name },
    ...(placeholder !== undefined ? [el('option', { value: '' }, placeholder)] : []),
    ...options.map((o) => el('option', { value: o.value }, o.text)),
  );
  control.value = value;
  return { field: wrap(name, el('label', { for: id }, text), control), control };
}

/** Checkboxes for a multi-choice vocabulary, grouped in a fieldset. */
export function checkboxGroup(name: string, legend: string, options: Option[], selected: readonly string[]) {
  const boxes = options.map((o) => {
    const id = uid(`f-${name}`);
    const box = el('input', { id, type: 'checkbox', name, value: o.value, checked: selected.includes(o.value) });
    return { box, node: el('div', { class: 'check' }, box, el('label', { for: id }, o.text)) };
  });
  const fieldset = el('fieldset', { class: 'checks' }, el('legend', {}, legend), ...boxes.map((b) => b.node));
  const values = () => boxes.filter((b) => b.box.checked).map((b) => b.box.value);
  return { field: wrap(name, fieldset), values };
}

/** Radio buttons (a required choice with no default). */
export function radioGroup(name: string, legend: string, options: Option[], value: string) {
  const radios = options.map((o) => {
    const id = uid(`f-${name}`);
    const radio = el('input', { id, type: 'radio', name, value: o.value, checked: o.value === value });
    return { radio, node: el('div', { class: 'check' }, radio, el('label', { for: id }, o.text)) };
  });
  const fieldset = el('fieldset', { class: 'checks' }, el('legend', {}, legend), ...radios.map((r) => r.node));
  const selected = () => radios.find((r) => r.radio.checked)?.radio.value ?? '';
  return { field: wrap(name, fieldset), selected };
}

/** The API names nested fields `phones.0`; the form shows them on `phones`. */
const fieldName = (name: string) => name.split(/[.[]/)[0] ?? name;

/**
 * Shows each message next to its field inside `form`; returns those that match no
 * field, for the form-level summary. Clears earlier messages first.
 */
export function showFieldErrors(form: HTMLElement, errors: { name: string; reason: string }[]): string[] {
  clearFieldErrors(form);
  const unplaced: string[] = [];
  for (const error of errors) {
    const field = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(fieldName(error.name))}"]`);
    const slot = field?.querySelector<HTMLElement>(':scope > .field-error');
    if (!field || !slot) {
      unplaced.push(`${error.name}: ${error.reason}`);
      continue;
    }
    slot.hidden = false;
    slot.textContent = slot.textContent ? `${slot.textContent} ${error.reason}` : error.reason;
    field.classList.add('invalid');
    for (const control of field.querySelectorAll<HTMLElement>('input, select, textarea')) {
      control.setAttribute('aria-invalid', 'true');
      const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      if (!described.includes(slot.id)) control.setAttribute('aria-describedby', [...described, slot.id].join(' '));
    }
  }
  return unplaced;
}

export function clearFieldErrors(form: HTMLElement): void {
  for (const field of form.querySelectorAll<HTMLElement>('[data-field].invalid')) {
    field.classList.remove('invalid');
    const slot = field.querySelector<HTMLElement>(':scope > .field-error');
    if (slot) {
      replace(slot);
      slot.hidden = true;
      for (const control of field.querySelectorAll<HTMLElement>('[aria-invalid]')) {
        control.removeAttribute('aria-invalid');
        const rest = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== slot.id);
        if (rest.length) control.setAttribute('aria-describedby', rest.join(' '));
        else control.removeAttribute('aria-describedby');
      }
    }
  }
}
