// The one i18n of the map and the console: the current language (one choice for both
// pages), the words of an area's table in it (`wordsIn`), placeholders filled (`fill`), and
// vocabulary labels and site names in that language. Each area keeps its own table, so the
// map page does not load the console's: the map's is ./zh.ts and ./en.ts (its `t` is here),
// the console's ./console.ts (its `t` is there). The vocabulary labels come from #core.
import type { Term } from '#core';
import { en } from './en';
import { zh } from './zh';

export type Lang = 'zh' | 'en';

let current: Lang = 'zh';

/** Switches the page's language (the caller remembers it in the settings). */
export function setLang(lang: Lang): void {
  current = lang;
  const tag = lang === 'zh' ? 'zh-CN' : 'en';
  // Set even to its own value, <html lang> makes Chromium lay out the whole page again
  // (2.5 ms on the loaded map page unthrottled; the app sets it at every start).
  if (document.documentElement.lang !== tag) document.documentElement.lang = tag;
}

export const lang = (): Lang => current;

/** The lookup of an area's words: the table of the current language. */
export const wordsIn =
  <W>(table: Readonly<Record<Lang, W>>) =>
  (): W =>
    table[current];

/** The map's words in the current language. */
export const t = wordsIn({ zh, en });

/** A text with its `{name}` placeholders filled in (those without a value stay as they are). */
export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The label of a vocabulary term in the current language (the code if unknown). */
export function label(list: readonly Term[], code: string): string {
  const term = list.find((x) => x.code === code);
  return term ? term[current] : code;
}

/** A site's name in the current language: the English name when there is one. */
export function nameOf(site: { name: string; name_en: string | null }): string {
  return current === 'en' && site.name_en ? site.name_en : site.name;
}
