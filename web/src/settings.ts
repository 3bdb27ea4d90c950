// Personal settings remembered on this device: language, care mode (关怀模式: large type,
// large targets, nothing moving; what people look for as 大字模式, 关怀版 or 长辈版) and
// the read-aloud rate.
import type { Lang } from './i18n';

export type SpeechRate = 'normal' | 'slow';

export interface Settings {
  lang: Lang;
  care: boolean;
  speechRate: SpeechRate;
}

const KEY = 'linli.settings';

const DEFAULT_SETTINGS: Settings = { lang: 'zh', care: false, speechRate: 'normal' };

/** Reads saved settings; anything missing or malformed takes its default. */
export function parseSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  return {
    lang: r.lang === 'en' ? 'en' : 'zh',
    // `largeText` is what the large-text mode saved before it became care mode.
    care: r.care === true || (r.care === undefined && r.largeText === true),
    speechRate: r.speechRate === 'slow' ? 'slow' : 'normal',
  };
}

export function loadSettings(): Settings {
  try {
    return parseSettings(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
  } catch {
    return DEFAULT_SETTINGS; // storage disabled or corrupt
  }
}

/**
 * A link can switch care mode on or off for good (`/?care=1`, `/?care=0`; also 关怀版,
 * 长辈版 and 大字 spelled as parameters, as a family member might write them).
 */
export function careFromUrl(search: string): boolean | null {
  const q = new URLSearchParams(search);
  for (const name of ['care', '关怀', '关怀版', '长辈版', '大字', 'large']) {
    const v = q.get(name);
    if (v === null) continue;
    return !['0', 'false', 'off', 'no', '否'].includes(v.trim().toLowerCase());
  }
  return null;
}

export function saveSettings(s: Settings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // Private mode without storage: the setting lasts for this visit only.
  }
}
