// Filter controls: the three kinds, amenities as icon + word chips (riders' five first,
// the rest one level down), and an "open now" switch. Emits the whole filter set on change.
import { AMENITIES, KINDS } from '../../worker/domain/vocabulary';
import type { Filters } from './api';
import { h } from './dom';
import { label, t } from './i18n';
import { icon } from './icons';

/** What riders need most, one tap away: charging, battery swap, meal heating, toilet, water. */
export const RIDER_AMENITIES = ['charging', 'battery_swap', 'meal_heating', 'toilet', 'drinking_water'] as const;

export class FiltersView {
  private value: Filters;

  constructor(private readonly root: HTMLElement, initial: Filters, private readonly onChange: (f: Filters) => void) {
    this.value = { kinds: [...initial.kinds], amenities: [...initial.amenities], openNow: initial.openNow };
    this.render();
  }

  get(): Filters {
    return this.value;
  }

  set(f: Filters): void {
    this.value = { kinds: [...f.kinds], amenities: [...f.amenities], openNow: f.openNow };
    this.render();
  }

  /** Redraws every control (also after a language switch). */
  render(): void {
    const s = t();
    const others = AMENITIES.map((a) => a.code).filter((c) => !(RIDER_AMENITIES as readonly string[]).includes(c));
    const moreOpen = this.root.querySelector('details')?.open ?? others.some((c) => this.value.amenities.includes(c));
    const openId = 'open-now';
    const openSwitch = h('input', { type: 'checkbox', role: 'switch', id: openId, checked: this.value.openNow });
    openSwitch.addEventListener('change', () => this.update({ ...this.value, openNow: openSwitch.checked }));
    this.root.replaceChildren(
      h('div', { class: 'chips kinds', role: 'group', 'aria-label': s.kinds },
        ...KINDS.map((k) => this.chip(k.code, label(KINDS, k.code), 'kinds'))),
      h('div', { class: 'chips amenities rider', role: 'group', 'aria-label': s.amenities },
        ...RIDER_AMENITIES.map((c) => this.chip(c, label(AMENITIES, c), 'amenities'))),
      h('div', { class: 'filter-row' },
        h('label', { class: 'switch', for: openId }, openSwitch, h('span', {}, s.openNow)),
        h('details', { class: 'more-amenities', open: moreOpen },
          h('summary', {}, s.moreAmenities),
          h('div', { class: 'chips amenities', role: 'group', 'aria-label': s.moreAmenities },
            ...others.map((c) => this.chip(c, label(AMENITIES, c), 'amenities'))))),
    );
  }

  private chip(code: string, text: string, group: 'kinds' | 'amenities'): HTMLButtonElement {
    const on = this.value[group].includes(code);
    const b = h('button', { type: 'button', class: 'chip', 'aria-pressed': on ? 'true' : 'false', 'data-code': code }, icon(code), text);
    b.addEventListener('click', () => {
      const list = this.value[group];
      const next = list.includes(code) ? list.filter((c) => c !== code) : [...list, code];
      this.update({ ...this.value, [group]: next });
    });
    return b;
  }

  private update(f: Filters): void {
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.code;
    this.value = f;
    this.render();
    // Keep keyboard focus on the chip that was just toggled.
    if (focused) this.root.querySelector<HTMLElement>(`[data-code="${focused}"]`)?.focus();
    else if (document.activeElement === document.body) this.root.querySelector<HTMLElement>('#open-now')?.focus();
    this.onChange(f);
  }
}
