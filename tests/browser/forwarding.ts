// An object that answers as `target` does, except where `override` returns something for a
// property (undefined: the target's own). Methods stay bound to the target, so Playwright's
// objects keep working through it.
export function forwarding<T extends object>(target: T, override: (prop: PropertyKey) => unknown): T {
  return new Proxy(target, {
    get(object, prop) {
      const replaced = override(prop);
      if (replaced !== undefined) return replaced;
      const value = Reflect.get(object, prop, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
