// Personal settings remembered on this device: language and large-text mode.
import type { Lang } from './i18n';

export interface Settings { lang: Lang; largeText: boolean }

const KEY = 'linli.settings';

export function loadSettings(): Settings {
  const fallback: Settings = { lang: 'zh', largeText: false };
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return fallback;
    const r = raw as Record<string, unknown>;
    return { lang: r.lang === 'en' ? 'en' : 'zh', largeText: r.largeText === true };
  } catch {
    return fallback; // storage disabled or corrupt
  }
}

export function saveSettings(s: Settings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // Private mode without storage: the setting lasts for this visit only.
  }
}
