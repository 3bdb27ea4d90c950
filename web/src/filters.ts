// Filter controls, designed for who uses them. Three rows, always the same three, so the
// bar keeps its height after first paint: the kinds; a row of the few chips that matter
// most for the kinds chosen (a rider's charging and toilet one tap away; for elder care
// 助餐, 日间照料, 医疗, 上门服务); then "open now" and a "more filters" button that says how
// many are chosen. The button opens a panel below with every amenity, elder-care service
// and accessibility feature that fits the kinds chosen, each group under its heading, the
// chips wrapping (no hidden scroll). Emits the whole filter set on change.
import { ACCESSIBILITY, AMENITIES, ELDER_SERVICES, KINDS, type Term } from '#core';
import type { Filters } from './api/map';
import { h } from './dom';
import { label, t } from './i18n';
import { icon } from './icons';

/** What riders need most, one tap away: charging, battery swap, meal heating, toilet, water. */
const RIDER_AMENITIES = ['charging', 'battery_swap', 'meal_heating', 'toilet', 'drinking_water'] as const;
/** What a senior or their family looks for first in an elder-care centre (issue 13). */
const SENIOR_SERVICES = ['meals', 'day_care', 'medical', 'home_services'] as const;
/** In a park: a toilet, somewhere to sit, water, and a way in without steps. */
const PARK_QUICK = [
  ['amenities', 'toilet'],
  ['amenities', 'seating'],
  ['amenities', 'drinking_water'],
  ['accessibility', 'step_free_entrance'],
] as const;

type Group = 'amenities' | 'elderServices' | 'accessibility';
type Chosen = Required<Filters>;

const LISTS: Record<Group, readonly Term[]> = {
  amenities: AMENITIES,
  elderServices: ELDER_SERVICES,
  accessibility: ACCESSIBILITY,
};

/** The quick row for the kinds chosen (none chosen: the rider's, the most used). */
function quickChips(kinds: readonly string[]): readonly (readonly [Group, string])[] {
  if (kinds.length === 1 && kinds[0] === 'elder_care') return SENIOR_SERVICES.map((c) => ['elderServices', c] as const);
  if (kinds.length === 1 && kinds[0] === 'park') return PARK_QUICK;
  return RIDER_AMENITIES.map((c) => ['amenities', c] as const);
}

/** The groups of the "more" panel for the kinds chosen: services only where elder care is wanted. */
function panelGroups(kinds: readonly string[]): Group[] {
  return [
    ...(kinds.length === 0 || kinds.includes('elder_care') ? ['elderServices' as const] : []),
    'amenities',
    'accessibility',
  ];
}

const full = (f: Filters): Chosen => ({
  kinds: [...f.kinds],
  amenities: [...f.amenities],
  elderServices: [...(f.elderServices ?? [])],
  accessibility: [...(f.accessibility ?? [])],
  openNow: f.openNow,
});

export class FiltersView {
  private value: Chosen;
  private panelOpen = false;

  constructor(
    private readonly root: HTMLElement,
    initial: Filters,
    private readonly onChange: (f: Filters) => void,
  ) {
    this.value = full(initial);
    // A link that names filters beyond the quick row opens with them in sight.
    this.panelOpen = this.hiddenChosen() > 0;
    this.render();
  }

  get(): Filters {
    return this.value;
  }

  set(f: Filters): void {
    this.value = full(f);
    if (this.hiddenChosen() > 0) this.panelOpen = true;
    this.render();
  }

  /** How many chosen filters are not on the quick row (the "more" button says so). */
  private hiddenChosen(): number {
    const quick = new Set(quickChips(this.value.kinds).map(([g, c]) => `${g}:${c}`));
    return (['amenities', 'elderServices', 'accessibility'] as const).reduce(
      (n, g) => n + this.value[g].filter((c) => !quick.has(`${g}:${c}`)).length,
      0,
    );
  }

  /** Redraws every control (also after a language switch). */
  render(): void {
    const s = t();
    const openId = 'open-now';
    const openSwitch = h('input', { type: 'checkbox', role: 'switch', id: openId, checked: this.value.openNow });
    openSwitch.addEventListener('change', () => this.update({ ...this.value, openNow: openSwitch.checked }));
    const quick = quickChips(this.value.kinds);
    const hidden = this.hiddenChosen();
    const more = h(
      'button',
      {
        type: 'button',
        class: 'more-filters',
        'aria-expanded': this.panelOpen ? 'true' : 'false',
        'aria-controls': 'filter-panel',
      },
      this.panelOpen ? s.fewerFilters : s.moreFilters,
      hidden ? h('span', { class: 'chosen-count' }, s.chosenCount(hidden)) : null,
    );
    more.addEventListener('click', () => {
      this.panelOpen = !this.panelOpen;
      this.render();
      this.root.querySelector<HTMLElement>('button.more-filters')?.focus();
    });
    const quickKeys = new Set(quick.map(([g, c]) => `${g}:${c}`));
    // The panel's chips are made when it opens: two dozen buttons with icons that nobody sees
    // were a good part of the first screen's script on a slowed phone.
    const panel = h(
      'div',
      { class: 'filter-panel', id: 'filter-panel', hidden: !this.panelOpen },
      ...(this.panelOpen ? panelGroups(this.value.kinds) : []).map((group) => {
        const headingId = `filter-group-${group}`;
        const codes = LISTS[group].map((term) => term.code).filter((c) => !quickKeys.has(`${group}:${c}`));
        return h(
          'div',
          { class: `filter-group ${group}`, role: 'group', 'aria-labelledby': headingId },
          h('h3', { id: headingId }, s.filterGroup[group]),
          h('div', { class: 'chips wrap' }, ...codes.map((c) => this.chip(group, c))),
        );
      }),
    );
    this.root.replaceChildren(
      h(
        'div',
        { class: 'chips kinds', role: 'group', 'aria-label': s.kinds },
        ...KINDS.map((k) => this.kindChip(k.code)),
      ),
      h(
        'div',
        {
          class: `chips quick ${quick === PARK_QUICK ? 'park' : quick[0]?.[0] === 'elderServices' ? 'services' : 'amenities rider'}`,
          role: 'group',
          'aria-label': s.quickFilters,
        },
        ...quick.map(([g, c]) => this.chip(g, c)),
      ),
      h(
        'div',
        { class: 'filter-row' },
        h('label', { class: 'switch', for: openId }, openSwitch, h('span', {}, s.openNow)),
        more,
      ),
      panel,
    );
  }

  private kindChip(code: string): HTMLButtonElement {
    const on = this.value.kinds.includes(code);
    const b = h(
      'button',
      {
        type: 'button',
        class: 'chip',
        'aria-pressed': on ? 'true' : 'false',
        'data-code': code,
        'data-group': 'kinds',
      },
      icon(code),
      label(KINDS, code),
    );
    b.addEventListener('click', () => {
      const kinds = on ? this.value.kinds.filter((c) => c !== code) : [...this.value.kinds, code];
      // Services belong to elder care: kinds without it would find nothing with them.
      const keepServices = kinds.length === 0 || kinds.includes('elder_care');
      this.update({ ...this.value, kinds, elderServices: keepServices ? this.value.elderServices : [] });
    });
    return b;
  }

  private chip(group: Group, code: string): HTMLButtonElement {
    const on = this.value[group].includes(code);
    const b = h(
      'button',
      { type: 'button', class: 'chip', 'aria-pressed': on ? 'true' : 'false', 'data-code': code, 'data-group': group },
      icon(code),
      label(LISTS[group], code),
    );
    b.addEventListener('click', () => {
      const list = this.value[group];
      this.update({ ...this.value, [group]: list.includes(code) ? list.filter((c) => c !== code) : [...list, code] });
    });
    return b;
  }

  private update(f: Chosen): void {
    const active = document.activeElement as HTMLElement | null;
    const focused = active?.dataset?.code
      ? `[data-group="${active.dataset.group}"][data-code="${active.dataset.code}"]`
      : null;
    this.value = f;
    this.render();
    // Keep keyboard focus on the chip that was just toggled.
    if (focused) this.root.querySelector<HTMLElement>(focused)?.focus();
    else if (document.activeElement === document.body) this.root.querySelector<HTMLElement>('#open-now')?.focus();
    this.onChange(f);
  }
}
