// Reads a site's details aloud (speechSynthesis) where the browser can.
import { lang } from './i18n';

export const canReadAloud = (): boolean => 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function';

export function readAloud(text: string): void {
  speechSynthesis.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = lang() === 'zh' ? 'zh-CN' : 'en-GB';
  u.rate = 0.9; // a little slower than default, for older listeners
  speechSynthesis.speak(u);
}

export function stopReading(): void {
  if (canReadAloud()) speechSynthesis.cancel();
}
