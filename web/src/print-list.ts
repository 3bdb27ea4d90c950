// "打印附近服务清单": the nearby list as a sheet of paper, for a senior without a
// smartphone or a family member helping: names, addresses, hours, phones (or 12345) and
// distances in large type. The sheet follows the list at all times (hidden on screen, the
// only thing printed), so the browser's own Print menu gives the same page.
import { KINDS, parseRules, readingOf } from '#core';
import type { NearbySite } from './api/types';
import { h } from './dom';
import { centreDistanceText, distanceText } from './format';
import { label, lang, nameOf, t } from './i18n';
import { CITY_HOTLINE } from './phone-links';

/** Hours in plain words ("周一至周五 8:00–20:00"), the OSM value where it cannot be read, or null. */
function hoursText(openingHours: string | null): string | null {
  if (!openingHours) return null;
  const read = parseRules(openingHours);
  return read.ok ? readingOf(read.hours)[lang()] : openingHours;
}

export interface PrintContext {
  /** Where the list is measured from ("您的位置" / "地图中心"). */
  place: string;
  /** Distances are from the map centre, not from the person. */
  fromCentre: boolean;
}

/** Redraws the printed sheet for these sites. */
export function renderPrintSheet(
  sheet: HTMLElement,
  sites: readonly NearbySite[],
  ctx: PrintContext,
  now = new Date(),
): void {
  const s = t();
  const date = new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Shanghai',
  }).format(now);
  const entry = (site: NearbySite) => {
    const hours = hoursText(site.opening_hours);
    return h(
      'li',
      { class: 'print-site' },
      h('h2', {}, nameOf(site)),
      h(
        'p',
        {},
        label(KINDS, site.kind),
        ' · ',
        s.labelled(s.printDistance),
        ctx.fromCentre ? centreDistanceText(s, site.distance_m) : distanceText(s, site.distance_m),
      ),
      site.address ? h('p', {}, s.labelled(s.address), site.address) : null,
      site.coord_precision === 'approximate' ? h('p', {}, s.approximate) : null,
      site.source === 'sample' ? h('p', { class: 'print-sample' }, s.sampleData) : null,
      h('p', {}, s.labelled(s.printHours), hours ?? s.printNoHours),
      h(
        'p',
        { class: 'print-phone' },
        s.labelled(s.phone),
        site.phones.length ? site.phones.join('  ') : s.printHotline(CITY_HOTLINE),
      ),
    );
  };
  sheet.replaceChildren(
    h('h1', {}, `${s.appName} · ${s.printTitle}`),
    h('p', {}, s.printPlace(s.nearbyOf(ctx.place)), '　', s.printDate(date)),
    sites.length ? h('ol', { class: 'print-sites' }, ...sites.map(entry)) : h('p', {}, s.printEmpty),
    h('p', { class: 'print-footer' }, s.printFooter),
  );
}

/**
 * Wires the page's 打印附近服务清单 button (in the HTML shell, so it takes its place before the
 * first paint) to the browser's print dialog, where "save as PDF" is one of the printers.
 */
export function wirePrintButton(button: HTMLButtonElement): void {
  button.addEventListener('click', () => window.print());
}
