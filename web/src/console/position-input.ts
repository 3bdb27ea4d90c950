// The position part of the site form: the map picker, the WGS-84 readout, and the paste
// box that converts Amap (GCJ-02) or Baidu (BD-09) coordinates before anything is saved.
import { COORD_SYSTEMS, type CoordSystem } from '#core';
import { fill, label } from '../i18n';
import { t } from '../i18n/console';
import { formatCoord, type LngLat, parseLngLat, toWgs84 } from './coords';
import { el } from './dom';
import { radioGroup, termOptions, textField } from './fields';
import { type MapPicker, mapPicker } from './map-picker';
import type { Position } from './site-input';

export interface PositionInput {
  /** The map with its readout, and the paste box: placed by the form. */
  map: HTMLElement;
  paste: HTMLElement;
  position(): Position | null;
  /** Creates the map; call once `map` is in the document (Leaflet measures it). */
  mount(): void;
  destroy(): void;
}

export function positionInput(start: Position | null, around: LngLat | null): PositionInput {
  let position = start;
  let picker: MapPicker | null = null;

  const readout = el('output', { class: 'position-readout', 'aria-live': 'polite' });
  const showPosition = () => {
    if (!position) {
      readout.textContent = t().no_position;
      readout.removeAttribute('data-lng');
      readout.removeAttribute('data-lat');
      return;
    }
    const { wgs84, entered, system } = position;
    // Full precision for tools and tests; six decimals (about 0.1 m) for people.
    readout.dataset.lng = String(wgs84.lng);
    readout.dataset.lat = String(wgs84.lat);
    readout.textContent =
      fill(t().position_wgs, { lng: formatCoord(wgs84.lng), lat: formatCoord(wgs84.lat) }) +
      (system === 'wgs84'
        ? ''
        : ` ${fill(t().position_from, { system: label(COORD_SYSTEMS, system), lng: entered.lng, lat: entered.lat })}`);
  };
  const mapSlot = el('div', { class: 'map-slot' });
  // Server messages about lat or lng both show under the map.
  const map = el(
    'div',
    { class: 'field', 'data-field': 'lat' },
    el('p', { class: 'hint' }, t().map_hint),
    mapSlot,
    readout,
    el('p', { class: 'field-error', id: 'err-position', hidden: true }),
    el(
      'div',
      { 'data-field': 'lng', class: 'alias' },
      el('p', { class: 'field-error', id: 'err-position-lng', hidden: true }),
    ),
  );

  const text = textField('paste', t().paste_label, '', { inputmode: 'decimal', hint: t().paste_example });
  // No default system: the same numbers are hundreds of metres apart between systems.
  const system = radioGroup('paste_system', t().paste_system, termOptions(COORD_SYSTEMS), '');
  const message = el('p', { class: 'paste-message', role: 'status' });
  const apply = el('button', { type: 'button' }, t().paste_apply);
  apply.addEventListener('click', () => {
    const parsed = parseLngLat(text.control.value);
    if (!parsed.ok) {
      message.textContent = t()[`paste_${parsed.reason}`];
      return;
    }
    const from = system.selected() as CoordSystem | '';
    if (from === '') {
      message.textContent = t().paste_no_system;
      return;
    }
    const wgs84 = toWgs84(parsed.point, from);
    position = { entered: parsed.point, system: from, wgs84 };
    picker?.show(wgs84);
    showPosition();
    message.textContent = fill(t().paste_converted, { lng: formatCoord(wgs84.lng), lat: formatCoord(wgs84.lat) });
  });
  const paste = el(
    'fieldset',
    { class: 'paste-box' },
    el('legend', {}, t().paste_title),
    text.field,
    system.field,
    apply,
    message,
  );

  showPosition();
  return {
    map,
    paste,
    position: () => position,
    mount() {
      picker = mapPicker(mapSlot, { point: position?.wgs84 ?? null, around }, (point) => {
        // A click or drag is WGS-84 already: what was pasted no longer applies.
        position = { entered: point, system: 'wgs84', wgs84: point };
        showPosition();
        message.textContent = '';
      });
    },
    destroy() {
      picker?.destroy();
      picker = null;
    },
  };
}
