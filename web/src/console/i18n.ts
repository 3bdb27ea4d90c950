// The console speaks the public map's language: the same current-language state and
// remembered setting (web/src/i18n, web/src/settings), Chinese by default, and the same
// vocabulary labels. Only the console's own sentences live in ./messages.ts.
import type { Term } from '#core';
import { type Lang, lang, setLang as setMapLang } from '../i18n';
import { loadSettings, saveSettings } from '../settings';
import { MESSAGES, type MessageKey } from './messages';

export { lang, type Lang };

/** Switches language and remembers it for the map and the console alike. */
export function setLang(next: Lang): void {
  setMapLang(next);
  saveSettings({ ...loadSettings(), lang: next });
}

/** The remembered language (the map's setting), applied. */
export const restoreLang = () => setMapLang(loadSettings().lang);

/** The message in the current language, `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const [zh, en] = MESSAGES[key];
  const text: string = lang() === 'zh' ? zh : en;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The label of a vocabulary term in the current language. */
export const label = (term: Term | undefined, fallback = '') => (term ? term[lang()] : fallback);
