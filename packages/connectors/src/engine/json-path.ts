/** Read a dot path (`Error.reasonCode`, `items.0.id`) or a key list (for keys containing dots). */
export function getPath(value: unknown, path: string | readonly string[]): unknown {
  const keys = typeof path === 'string' ? path.split('.') : path;
  let cur: unknown = value;
  for (const key of keys) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur)) {
      const i = Number(key);
      cur = Number.isInteger(i) ? cur[i] : undefined;
    } else if (typeof cur === 'object') {
      cur = Object.prototype.hasOwnProperty.call(cur, key)
        ? (cur as Record<string, unknown>)[key]
        : undefined;
    } else return undefined;
  }
  return cur;
}
