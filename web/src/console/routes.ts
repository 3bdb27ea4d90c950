// The console's places, as URL hashes (so reload and the back button work without
// server routes). Pure: parse and format only.

export type Route =
  | { view: 'sites' }
  | { view: 'new-site' }
  | { view: 'edit-site'; id: number }
  | { view: 'history'; id: number }
  | { view: 'import' }
  | { view: 'reports' }
  | { view: 'accounts' }
  | { view: 'calendar' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  if (path === '/sites/new') return { view: 'new-site' };
  const site = /^\/sites\/([1-9]\d{0,14})(\/history)?$/.exec(path);
  if (site) return site[2] ? { view: 'history', id: Number(site[1]) } : { view: 'edit-site', id: Number(site[1]) };
  if (path === '/import') return { view: 'import' };
  if (path === '/reports') return { view: 'reports' };
  if (path === '/accounts') return { view: 'accounts' };
  if (path === '/calendar') return { view: 'calendar' };
  return { view: 'sites' };
}

export function hrefOf(route: Route): string {
  switch (route.view) {
    case 'sites':
      return '#/sites';
    case 'new-site':
      return '#/sites/new';
    case 'edit-site':
      return `#/sites/${route.id}`;
    case 'history':
      return `#/sites/${route.id}/history`;
    case 'import':
      return '#/import';
    case 'reports':
      return '#/reports';
    case 'accounts':
      return '#/accounts';
    case 'calendar':
      return '#/calendar';
  }
}
