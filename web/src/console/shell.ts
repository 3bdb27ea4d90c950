// The console's frame: header (who is signed in, language, logout), section navigation,
// the <main> each view fills, and one polite live region for confirmations.

import { calendarCoverage, listStreets, logout, me } from '../api/console';
import { ApiError } from '../api/problem';
import type { Street, User } from '../api/types';
import { fill, lang, setLang } from '../i18n';
import { type ConsoleKey, t } from '../i18n/console';
import { loadSettings, saveSettings } from '../settings';
import { accountsView } from './accounts-view';
import { calendarView } from './calendar-view';
import type { ViewContext } from './context';
import { el, replace } from './dom';
import { historyView } from './history-view';
import { importView } from './import-view';
import { loginView } from './login-view';
import { reportsView } from './reports-view';
import { hrefOf, parseRoute, type Route } from './routes';
import { siteFormView } from './site-form-view';
import { siteListView } from './site-list-view';

/** How long a confirmation stays on screen (it has been read out by then). */
const ANNOUNCE_MS = 8000;

const NAV: { route: Route; key: ConsoleKey; adminOnly?: boolean }[] = [
  { route: { view: 'sites' }, key: 'nav_sites' },
  { route: { view: 'new-site' }, key: 'nav_new_site' },
  { route: { view: 'import' }, key: 'nav_import' },
  { route: { view: 'reports' }, key: 'nav_reports' },
  { route: { view: 'accounts' }, key: 'nav_accounts', adminOnly: true },
  { route: { view: 'calendar' }, key: 'nav_calendar', adminOnly: true },
];

export function startConsole(root: HTMLElement): void {
  let user: User | null = null;
  let streets: Promise<Street[]> | null = null;
  const header = el('header', { class: 'top' });
  const nav = el('nav', { 'aria-label': t().nav_label });
  const main = el('main', { id: 'main', tabindex: -1 });
  const live = el('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
  const banner = el('div', { class: 'calendar-banner', hidden: true });
  // The live region sits in the page flow above the view, so a confirmation never covers a field.
  replace(root, el('a', { class: 'skip', href: '#main' }, t().skip_to_main), header, banner, nav, live, main);
  // The skip link must not change the route hash.
  root.querySelector('.skip')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });

  let quiet: ReturnType<typeof setTimeout> | undefined;
  const announce = (message: string) => {
    live.textContent = message;
    clearTimeout(quiet);
    quiet = setTimeout(() => {
      live.textContent = '';
    }, ANNOUNCE_MS);
  };

  const showLogin = (notice?: string) => {
    user = null;
    banner.hidden = true;
    drawHeader();
    replace(nav);
    loginView(
      main,
      (u) => {
        user = u;
        focusHeading = true; // the login form is gone: focus must land somewhere meaningful
        drawHeader();
        void route();
      },
      notice,
    );
  };

  const ctx = (): ViewContext => ({
    user: user!,
    main,
    go: (r) => {
      if (location.hash === hrefOf(r)) void route();
      else location.hash = hrefOf(r);
    },
    announce,
    fail: (error) => {
      if (error instanceof ApiError && error.status === 401) showLogin(t().session_expired);
    },
    streets: () => {
      streets ??= listStreets()
        .then((r) => r.data)
        .catch((error: unknown) => {
          streets = null;
          throw error;
        });
      return streets;
    },
  });

  const languageButton = () => {
    const button = el('button', { type: 'button', lang: lang() === 'zh' ? 'en' : 'zh-CN' }, t().switch_language);
    button.addEventListener('click', () => {
      const next = lang() === 'zh' ? 'en' : 'zh';
      // The map's setting too: both pages speak the language last chosen on either.
      setLang(next);
      saveSettings({ ...loadSettings(), lang: next });
      // Everything is drawn from t(): redraw the frame and the current view.
      startConsole(root);
    });
    return button;
  };

  function drawHeader() {
    document.title = t().app_title;
    const logoutButton = el('button', { type: 'button' }, t().log_out);
    logoutButton.addEventListener('click', async () => {
      // Whatever the server says, this page forgets the user.
      await logout().catch(() => undefined);
      // The next person to log in starts at the site list, not on this user's last page.
      history.replaceState(null, '', hrefOf({ view: 'sites' }));
      showLogin();
    });
    replace(
      header,
      el('h1', {}, t().app_title),
      el(
        'div',
        { class: 'who' },
        user ? el('span', {}, fill(t().signed_in_as, { name: user.display_name, username: user.username })) : null,
        languageButton(),
        user ? logoutButton : null,
      ),
    );
  }

  function drawNav(current: Route) {
    const links = NAV.filter((n) => !n.adminOnly || user?.role === 'admin').map((n) => {
      const active =
        n.route.view === current.view ||
        (n.route.view === 'sites' && (current.view === 'edit-site' || current.view === 'history'));
      return el('li', {}, el('a', { href: hrefOf(n.route), 'aria-current': active ? 'page' : null }, t()[n.key]));
    });
    replace(nav, el('ul', {}, ...links));
  }

  /** From 1 November, an administrator is told when next year's holiday arrangement is missing. */
  async function drawBanner() {
    if (user?.role !== 'admin') {
      banner.hidden = true;
      return;
    }
    try {
      const coverage = await calendarCoverage();
      const next = coverage.years[1];
      banner.hidden = !coverage.next_year_due || !next;
      if (next && coverage.next_year_due) {
        replace(
          banner,
          el(
            'p',
            { role: 'status' },
            fill(t().calendar_due_banner, { year: next.year }),
            ' ',
            el('a', { href: hrefOf({ view: 'calendar' }) }, t().calendar_enter),
          ),
        );
      }
    } catch {
      banner.hidden = true; // the banner is advice; the console works without it
    }
  }

  /** Move focus to the view's heading (not on a fresh page load, where Tab should reach the skip link first). */
  let focusHeading = false;

  async function route(): Promise<void> {
    if (!user) return;
    const current = parseRoute(location.hash);
    drawNav(current);
    void drawBanner();
    const c = ctx();
    switch (current.view) {
      case 'sites':
        await siteListView(c);
        break;
      case 'new-site':
        await siteFormView(c, null);
        break;
      case 'edit-site':
        await siteFormView(c, current.id);
        break;
      case 'history':
        await historyView(c, current.id);
        break;
      case 'import':
        importView(c);
        break;
      case 'reports':
        await reportsView(c);
        break;
      case 'accounts':
        await accountsView(c);
        break;
      case 'calendar':
        await calendarView(c);
        break;
    }
    const heading = main.querySelector('h2');
    if (heading) {
      heading.tabIndex = -1;
      // Move focus to the new view's heading so screen readers hear where they are.
      if (focusHeading && (document.activeElement === document.body || !main.contains(document.activeElement))) {
        heading.focus({ preventScroll: true });
      }
    }
    focusHeading = true;
  }

  window.onhashchange = () => void route();
  setLang(loadSettings().lang);
  drawHeader();
  replace(main, el('p', {}, t().loading));
  me()
    .then(({ user: u }) => {
      user = u;
      drawHeader();
      void route();
    })
    .catch((error: unknown) => {
      showLogin(error instanceof ApiError && error.status !== 401 ? t().network_error : undefined);
    });
}
