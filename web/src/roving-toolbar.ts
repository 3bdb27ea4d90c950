// A group of controls that is one Tab stop (WAI-ARIA toolbar, "roving tabindex"): Tab
// enters on the control used last, ←/→ (and ↑/↓, Home, End) move between them. It keeps
// the page's Tab path short, so the list is reached in a few presses. Controls may be
// redrawn at any time (the filters redraw on every change): the roles are re-applied.
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), summary, a[href]';

const NEXT: Readonly<Record<string, number>> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function rovingToolbar(root: HTMLElement, label?: string): void {
  root.setAttribute('role', 'toolbar');
  if (label) root.setAttribute('aria-label', label);
  /** The control Tab enters on: the one used last, by id or data-code (redraws replace the nodes). */
  let currentKey: string | null = null;
  const keyOf = (el: HTMLElement) => el.id || el.dataset.code || el.textContent || '';
  const items = () => [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);

  const apply = () => {
    // Chromium makes a scrolling row whose controls are all tabindex=-1 a Tab stop of its
    // own; the arrows scroll it (focus follows), so it is not one.
    for (const el of root.querySelectorAll<HTMLElement>('div, ul, ol')) {
      const { overflowX, overflowY } = getComputedStyle(el);
      if (/auto|scroll/.test(overflowX + overflowY) && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    }
    const all = items();
    const current = all.find((el) => keyOf(el) === currentKey) ?? all[0];
    for (const el of all) {
      const want = el === current ? '0' : '-1';
      if (el.getAttribute('tabindex') !== want) el.setAttribute('tabindex', want);
    }
  };
  root.addEventListener('focusin', (e) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>(FOCUSABLE);
    if (!el || !root.contains(el)) return;
    currentKey = keyOf(el);
    apply();
  });
  root.addEventListener('keydown', (e) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>(FOCUSABLE);
    if (!el) return;
    const all = items();
    const i = all.indexOf(el);
    if (i < 0) return;
    const step = NEXT[e.key];
    const target =
      e.key === 'Home'
        ? all[0]
        : e.key === 'End'
          ? all[all.length - 1]
          : step !== undefined
            ? all[(i + step + all.length) % all.length]
            : undefined;
    if (!target) return;
    e.preventDefault();
    target.focus();
  });
  // Redraws, a disclosure opening, controls enabled once the script runs: at most once a
  // frame, just before it is drawn. apply() reads styles and boxes, so run at each change it
  // forced a layout of the page in the middle of the script (on a slowed phone's load, three
  // toolbars doing so were half of its longest task).
  let scheduled = false;
  const applySoon = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      apply();
    });
  };
  new MutationObserver(applySoon).observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['disabled', 'open', 'hidden'],
  });
  root.addEventListener('toggle', applySoon, true);
  applySoon();
}
