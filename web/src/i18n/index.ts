// The current language and its strings; vocabulary labels in that language.
import type { Term } from '#core';
import { en } from './en';
import { zh, type Strings } from './zh';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

const STRINGS: Record<Lang, Strings> = { zh, en };
let current: Lang = 'zh';

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export const lang = (): Lang => current;
export const t = (): Strings => STRINGS[current];

/** The label of a vocabulary term in the current language (the code if unknown). */
export function label(list: readonly Term[], code: string): string {
  const term = list.find((x) => x.code === code);
  return term ? term[current] : code;
}

/** A site's name in the current language: the English name when there is one. */
export function nameOf(site: { name: string; name_en: string | null }): string {
  return current === 'en' && site.name_en ? site.name_en : site.name;
}
