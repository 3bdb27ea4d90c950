// Reads a site's details aloud (speechSynthesis) where the browser can: exactly what the
// page says about it, in order, so no warning (sample data, approximate position, holiday
// or make-up day, retired) is left out. The button says "朗读" again when speech ends or
// fails; a second switch reads more slowly, remembered with the other settings.
import { h } from './dom';
import { lang, t } from './i18n';
import { icon } from './icons';
import type { SpeechRate } from './settings';

/** Speech rates (1 is the browser's default): a little slower than default, and slow. */
const RATES: Readonly<Record<SpeechRate, number>> = { normal: 0.9, slow: 0.6 };

const canReadAloud = (): boolean => 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function';

/** What is not said: controls, and what the person fills in. */
const UNSPOKEN = 'button, form, details, .nav-links, .read-controls, [data-unspoken]';

/**
 * The text of a part of the page as it would be read: its visible blocks in order, each a
 * sentence; items of a list joined by "、". Hidden parts and controls are skipped.
 */
export function spokenText(root: HTMLElement): string {
  const parts: string[] = [];
  const walk = (el: Element) => {
    if (el.matches(UNSPOKEN) || (el instanceof HTMLElement && el.hidden) || el.getAttribute('aria-hidden') === 'true')
      return;
    if (el.matches('ul, ol')) {
      const items = [...el.children].map((li) => clean(li.textContent)).filter(Boolean);
      if (items.length) parts.push(items.join('、'));
      return;
    }
    const blocks = [...el.children].filter((c) => !c.matches('span, a, strong, em, small, svg, abbr'));
    if (blocks.length === 0) {
      const text = clean(textWithout(el));
      if (text) parts.push(text);
      return;
    }
    for (const c of el.children) walk(c);
  };
  walk(root);
  const end = lang() === 'zh' ? '。' : '. ';
  return parts.map((p) => p.replace(/[。.！!？?：:]$/u, '')).join(end) + (parts.length ? end.trim() : '');
}

const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Text of an element, leaving out its hidden or unspoken descendants. */
function textWithout(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  for (const x of copy.querySelectorAll(`${UNSPOKEN}, [hidden], [aria-hidden="true"]`)) x.remove();
  return copy.textContent ?? '';
}

export interface ReadAloudOptions {
  rate: SpeechRate;
  onRate(rate: SpeechRate): void;
}

/**
 * "朗读" / "停止朗读" and "慢速朗读" for the text `what()` gives when pressed (read from the
 * page at that moment). Null where the browser cannot speak.
 */
export function readAloudControls(what: () => string, options: ReadAloudOptions): HTMLElement | null {
  if (!canReadAloud()) return null;
  const s = t();
  let rate = options.rate;
  let current: SpeechSynthesisUtterance | null = null;
  const label = h('span', {}, s.readAloud);
  const button = h(
    'button',
    { type: 'button', class: 'secondary read', 'aria-pressed': 'false' },
    icon('readAloud'),
    label,
  );
  const slowId = `slow-reading-${Math.random().toString(36).slice(2, 8)}`;
  const slow = h('input', { type: 'checkbox', role: 'switch', id: slowId, checked: rate === 'slow' });
  const done = (u: SpeechSynthesisUtterance) => {
    if (current !== u) return; // a newer reading replaced it
    current = null;
    label.textContent = s.readAloud;
    button.setAttribute('aria-pressed', 'false');
  };
  const start = () => {
    speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(what());
    u.lang = lang() === 'zh' ? 'zh-CN' : 'en-GB';
    u.rate = RATES[rate];
    u.addEventListener('end', () => done(u));
    u.addEventListener('error', () => done(u));
    current = u;
    label.textContent = s.stopReading;
    button.setAttribute('aria-pressed', 'true');
    speechSynthesis.speak(u);
  };
  button.addEventListener('click', () => {
    if (current) {
      const u = current;
      speechSynthesis.cancel();
      done(u);
    } else start();
  });
  slow.addEventListener('change', () => {
    rate = slow.checked ? 'slow' : 'normal';
    options.onRate(rate);
    if (current) start(); // heard at once at the new pace
  });
  return h(
    'div',
    { class: 'read-controls', role: 'group', 'aria-label': s.readAloud },
    button,
    h('label', { class: 'switch', for: slowId }, slow, h('span', {}, s.slowReading)),
  );
}

export function stopReading(): void {
  if (canReadAloud()) speechSynthesis.cancel();
}
