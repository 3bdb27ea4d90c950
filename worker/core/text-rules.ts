// What text linli accepts from people, whichever way it arrives (JSON API, CSV import):
// well-formed Unicode, no bidirectional controls (they reorder what a reader sees, so
// "站务驿\u202eLNK.exe" shows as something else), no control characters, and — where a
// value names or describes something — at least one character that shows on screen.

/** Bidi embedding, override and isolate controls, and the invisible direction marks. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** C0 and C1 controls, except tab, line feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A lone UTF-16 surrogate: not a character; D1 would store it as invalid UTF-8 bytes. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Characters that draw nothing: spaces, default-ignorables (zero widths, fillers, variation selectors), the blank braille cell. */
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Why a text is refused, or null when it is acceptable. */
export function textProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return 'is not valid Unicode (a lone surrogate)';
  if (BIDI_CONTROLS.test(text)) return 'must not contain bidirectional control characters';
  if (CONTROLS.test(text)) return 'must not contain control characters';
  return null;
}

/** Whether a text draws at least one visible character. */
export const rendersVisibly = (text: string) => text.replace(INVISIBLE, '').length > 0;

/** Whether a value anywhere in parsed JSON (keys included) holds a lone surrogate; the first one's path. */
export function loneSurrogatePath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (LONE_SURROGATE.test(key)) return [...path, key];
    const found = loneSurrogatePath(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** An http(s) URL: `javascript:`, `data:` and other schemes run or embed content when a link is followed. */
export function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
