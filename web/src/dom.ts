// A tiny element builder, shared by the public map and the console. Children are text
// or nodes: text always goes in as text, never as HTML, so names and notes from the
// database cannot inject markup.
export type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | number | null | undefined | EventListener>;

/** Creates `<tag>`: `on*` function attributes become listeners, `true` booleans bare attributes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children)
    if (c !== null && c !== undefined && c !== false)
      parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}
