// Always a number to call: a site's phones as large one-tap `tel:` links, or, where the
// data holds none, the city's service hotline 12345 with one plain sentence. Numbers are
// never made up for a site.
import { h } from './dom';
import { t } from './i18n';
import { icon } from './icons';

/** 北京市民服务热线 (the 12345 government service hotline; the same number in every Chinese city). */
export const CITY_HOTLINE = '12345';

/** The digits (and a leading +) a `tel:` link dials: "010-6771 2345" → "01067712345". */
const telHref = (phone: string): string => `tel:${phone.replace(/[^0-9+]/g, '')}`;

export function callLinks(phones: readonly string[]): HTMLElement {
  const s = t();
  const link = (p: string, text: string) => h('a', { class: 'call', href: telHref(p) }, icon('phone'), text);
  if (phones.length) {
    return h(
      'div',
      { class: 'phones' },
      h('p', { class: 'field' }, s.labelled(s.phone)),
      ...phones.map((p) => link(p, s.call(p))),
    );
  }
  return h(
    'div',
    { class: 'phones hotline' },
    h('p', { class: 'hotline-note' }, s.noPhoneHotline),
    link(CITY_HOTLINE, s.call(CITY_HOTLINE)),
  );
}
