// The list of the sites in view, nearest first: one button per site (name, kind, distance
// from the person or the map centre, open state, approximate position,
// services or amenities, then accessibility, in every mode), the selected one marked with
// aria-current so it matches the map.
import { ACCESSIBILITY, AMENITIES, ELDER_SERVICES, KINDS } from '#core';
import type { NearbySite } from './api/types';
import { h } from './dom';
import { centreDistanceText, distanceText } from './format';
import { label, nameOf, t } from './i18n';
import { icon } from './icons';
import { openSummary } from './open-state';

/** Amenities (or services) shown on a list row; the detail view shows all of them. */
const ROW_FEATURES = 4;

export class ListView {
  private selected: number | null = null;
  /** Distances are from the map centre (no position known), not from the person. */
  private fromCentre = false;

  constructor(
    private readonly list: HTMLOListElement,
    private readonly onSelect: (id: number) => void,
  ) {}

  show(sites: readonly NearbySite[], fromCentre = this.fromCentre): void {
    this.fromCentre = fromCentre;
    this.list.replaceChildren(...sites.map((s) => this.row(s)));
    this.highlight(this.selected);
  }

  private row(s: NearbySite): HTMLLIElement {
    const open = openSummary(s);
    // An elder-care centre is chosen by its services (a canteen, day care), the others by
    // their amenities; accessibility follows. The rest are counted, and shown in the details.
    const features = [
      ...(s.kind === 'elder_care'
        ? s.elder_services.map((c) => ({ c, text: label(ELDER_SERVICES, c) }))
        : s.amenities.map((c) => ({ c, text: label(AMENITIES, c) }))),
      ...(s.accessibility ?? []).map((c) => ({ c, text: label(ACCESSIBILITY, c) })),
    ];
    const more = features.length - ROW_FEATURES;
    const button = h(
      'button',
      { type: 'button', class: 'site-row', 'data-site-id': s.id },
      h('span', { class: 'row-head' }, icon(s.kind), h('span', { class: 'row-name' }, nameOf(s))),
      h(
        'span',
        { class: 'row-meta' },
        h('span', { class: `badge ${open.state}` }, open.badge),
        ' ',
        label(KINDS, s.kind),
        ' · ',
        this.fromCentre ? centreDistanceText(t(), s.distance_m) : distanceText(t(), s.distance_m),
      ),
      s.coord_precision === 'approximate' ? h('span', { class: 'approx-tag' }, t().approximate) : null,
      s.source === 'sample' ? h('span', { class: 'sample-tag' }, t().sampleData) : null,
      features.length
        ? h(
            'span',
            { class: 'row-features' },
            ...features.slice(0, ROW_FEATURES).map((f) => h('span', { class: 'feature' }, icon(f.c), f.text)),
            more > 0 ? h('span', { class: 'feature more' }, t().moreFeatures(more)) : null,
          )
        : null,
    );
    button.addEventListener('click', () => this.onSelect(s.id));
    return h('li', { 'data-site-id': s.id }, button);
  }

  highlight(id: number | null): void {
    this.selected = id;
    for (const b of this.list.querySelectorAll<HTMLButtonElement>('button.site-row')) {
      const on = id !== null && b.dataset.siteId === String(id);
      if (on) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    }
  }

  /** Scrolls the selected row into view (when it was chosen on the map). */
  reveal(id: number): void {
    this.list.querySelector(`button[data-site-id="${id}"]`)?.scrollIntoView({ block: 'nearest' });
  }
}
