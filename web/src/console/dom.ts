// The console's DOM helpers: the shared element builder (web/src/dom.ts) under the
// console's name, plus replacing children and unique ids for label wiring.

import { append, type Child } from '../dom';

export { append, h as el } from '../dom';

/** Replaces every child of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

let ids = 0;
/** A document-unique id for label/aria wiring. */
export const uid = (prefix: string) => `${prefix}-${++ids}`;
