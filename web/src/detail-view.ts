// One site in full: what it is, where, whether it is open, what it offers, how fresh
// the data is, how to get there and how to report a problem.
import {
  ACCESSIBILITY,
  AMENITIES,
  beijingDate,
  ELDER_SERVICES,
  isMakeUpWorkday,
  KINDS,
  PARK_GRADES,
  PARK_TYPES,
} from '#core';
import type { MapSite } from './api/types';
import { h } from './dom';
import { distanceText, freshnessText, minutesSince } from './format';
import { label, nameOf, t } from './i18n';
import { icon } from './icons';
import { amapUrl, appleMapsUrl, baiduUrl } from './navigation-links';
import { openSummary } from './open-state';
import { callLinks } from './phone-links';
import { type ReadAloudOptions, readAloudControls, spokenText, stopReading } from './read-aloud';
import { reportForm } from './report-form';

function backButton(onBack: () => void): HTMLButtonElement {
  const back = h('button', { type: 'button', class: 'back' }, icon('back'), t().back);
  back.addEventListener('click', () => {
    stopReading();
    onBack();
  });
  return back;
}

/** A linked site that was retired: it no longer exists, so no open state and nowhere to navigate to. */
export function retiredView(onBack: () => void, speech?: ReadAloudOptions): HTMLElement {
  const article = h(
    'article',
    { class: 'detail retired' },
    backButton(onBack),
    h('h2', { id: 'detail-name', tabindex: -1, role: 'alert' }, t().siteRetired),
  );
  if (speech) article.append(readAloudControls(() => spokenText(article), speech) ?? '');
  return article;
}

export interface DetailOptions {
  /** Shown from the data saved on the device: when it was saved (ms), and whether the network failed. */
  device?: { savedAt: number; offline: boolean } | null;
  /** The read-aloud rate and where a change of it is kept. */
  speech?: ReadAloudOptions;
}

export function detailView(
  site: MapSite,
  distanceM: number | null,
  onBack: () => void,
  options: DetailOptions = {},
): HTMLElement {
  const s = t();
  const open = openSummary(site);
  const kind = label(KINDS, site.kind);
  const approximate = site.coord_precision === 'approximate';
  // The navigation app shows this name at the pin: it says the pin is only near the place.
  const place = {
    lat: site.lat,
    lng: site.lng,
    name: approximate ? `${site.name}${s.approximateNav}` : site.name,
    address: site.address,
  };
  const headingId = 'detail-name';
  const back = backButton(onBack);

  const features = site.amenities.map((c) => h('li', {}, icon(c), label(AMENITIES, c)));
  // What makes the site usable with a wheelchair, a walker or weak legs; nothing is said where the data says nothing.
  const access = (site.accessibility ?? []).map((c) => h('li', {}, icon(c), label(ACCESSIBILITY, c)));
  const services = site.elder_services.map((c) =>
    h('li', {}, icon(c), c === 'residential' && site.beds !== null ? s.beds(site.beds) : label(ELDER_SERVICES, c)),
  );

  const article = h(
    'article',
    { class: 'detail', 'aria-labelledby': headingId, 'data-site-id': site.id },
    back,
    h('h2', { id: headingId, tabindex: -1 }, nameOf(site)),
    // The Chinese name is what the sign on the door says.
    nameOf(site) !== site.name ? h('p', { class: 'name-zh', lang: 'zh-CN' }, site.name) : null,
    h(
      'p',
      { class: 'detail-kind' },
      icon(site.kind),
      kind,
      site.park_type ? ` · ${label(PARK_TYPES, site.park_type)}` : null,
      site.park_grade ? ` · ${label(PARK_GRADES, site.park_grade)}` : null,
    ),
    site.source === 'sample' ? h('p', { class: 'sample-banner', role: 'note' }, s.sampleData) : null,
    h(
      'p',
      { class: 'open-line' },
      h('span', { class: `badge ${open.state}` }, open.badge),
      open.next ? h('span', { class: 'next-change' }, ` ${open.next}`) : null,
    ),
    open.today && open.next !== s.alwaysOpen ? h('p', { class: 'hours-today' }, open.today) : null,
    site.follows_workday_calendar && isMakeUpWorkday(beijingDate())
      ? h('p', { class: 'makeup-today', role: 'note' }, s.makeupWorkdayToday)
      : null,
    options.device
      ? h(
          'p',
          { class: 'offline-note', role: 'status' },
          options.device.offline
            ? s.offlineAge(minutesSince(options.device.savedAt))
            : `${s.savedAgo(minutesSince(options.device.savedAt))} · ${s.updating}`,
        )
      : null,
    distanceM !== null ? h('p', { class: 'distance' }, distanceText(s, distanceM)) : null,
    site.address
      ? h('p', { class: 'address' }, h('span', { class: 'field' }, s.labelled(s.address)), site.address)
      : null,
    approximate
      ? h('p', { class: 'approx-notice', role: 'note', id: 'approx-notice' }, s.approximateNotice(nameOf(site)))
      : null,
    h(
      'div',
      {
        class: 'nav-links',
        role: 'group',
        'aria-label': s.navigate,
        ...(approximate ? { 'aria-describedby': 'approx-notice' } : {}),
      },
      h('a', { class: 'nav amap', href: amapUrl(place), target: '_blank', rel: 'noopener' }, s.navAmap),
      h('a', { class: 'nav baidu', href: baiduUrl(place), target: '_blank', rel: 'noopener' }, s.navBaidu),
      h('a', { class: 'nav apple', href: appleMapsUrl(place), target: '_blank', rel: 'noopener' }, s.navApple),
    ),
    callLinks(site.phones),
    services.length
      ? h('section', { class: 'services' }, h('h3', {}, s.services), h('ul', { class: 'feature-list' }, ...services))
      : null,
    features.length
      ? h('section', { class: 'amenities' }, h('h3', {}, s.amenities), h('ul', { class: 'feature-list' }, ...features))
      : null,
    access.length
      ? h(
          'section',
          { class: 'accessibility' },
          h('h3', {}, s.accessibility),
          h('ul', { class: 'feature-list' }, ...access),
        )
      : null,
    site.description ? h('p', { class: 'description' }, site.description) : null,
    site.operator ? h('p', { class: 'operator' }, `${s.labelled(s.operator)}${site.operator}`) : null,
    h('p', { class: 'freshness' }, freshnessText(s, site.verified_at)),
  );
  // Read from the page as it stands when pressed: whatever it shows, it says.
  const read = options.speech ? readAloudControls(() => spokenText(article), options.speech) : null;
  article.append(read ?? '', reportForm(site.id));
  return article;
}
