// The line above the list that says where its answer stands: loading, locating, from
// the device (and how old, and whether offline), how many more the view holds, none in
// view with "widen", distances from the map centre with "locate me", or a failure.
import { ApiError } from './api/problem';
import { type Child, h } from './dom';
import { minutesSince } from './format';
import { t } from './i18n';

export type ListStatus =
  | { kind: 'loading' }
  | { kind: 'locating' }
  | { kind: 'shown'; more: number; none: boolean; device: { savedAt: number; offline: boolean } | null }
  | { kind: 'failed'; err: unknown };

export interface ListStatusActions {
  widen(): void;
  locate(): void;
  retry(): void;
}

/** A failed request in words: offline without saved data, or the server's reason with a retry button. */
export function failureView(err: unknown, retry: () => void): HTMLElement {
  const s = t();
  if (err instanceof ApiError && err.status === 0) return h('span', { class: 'error' }, s.offlineNoData);
  const button = h('button', { type: 'button', class: 'secondary' }, s.retry);
  button.addEventListener('click', retry);
  const text = err instanceof ApiError && err.status !== 502 ? `${s.loadFailed} (${err.message})` : s.loadFailed;
  return h('span', { class: 'error' }, text, ' ', button);
}

const button = (id: string, text: string, onClick: () => void) => {
  const b = h('button', { type: 'button', class: 'secondary', id }, text);
  b.addEventListener('click', onClick);
  return b;
};

/** The status line's content. `positionKnown`: distances are from the person, not the map centre. */
export function listStatusView(st: ListStatus, positionKnown: boolean, on: ListStatusActions): Child[] {
  const s = t();
  if (st.kind === 'loading') return [s.loading];
  if (st.kind === 'locating') return [s.locating];
  if (st.kind === 'failed') return [failureView(st.err, on.retry)];
  const parts: Child[] = [];
  if (st.device) {
    const mins = minutesSince(st.device.savedAt);
    parts.push(
      h(
        'span',
        { class: st.device.offline ? 'offline-age' : 'saved-age' },
        st.device.offline ? s.offlineAge(mins) : `${s.savedAgo(mins)} · ${s.updating}`,
      ),
      ' ',
    );
  }
  if (st.none) parts.push(h('span', { class: 'none-in-view' }, s.noneInView), ' ', button('widen', s.widen, on.widen));
  else if (st.more > 0) parts.push(h('span', { class: 'more-in-view' }, s.moreInView(st.more)));
  if (!positionKnown)
    parts.push(
      ' ',
      h('span', { class: 'centre-hint' }, s.centreHint),
      ' ',
      button('list-locate', s.locateMe, on.locate),
    );
  return parts;
}
