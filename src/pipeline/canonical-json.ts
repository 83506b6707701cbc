/**
 * A deterministic text of plain data, for hashing: object keys sorted at every depth (keys whose value
 * is `undefined` left out, as JSON does), sets sorted, maps as sorted entries; otherwise JSON. Anything
 * that is not plain data (a function, a regular expression, a class instance) throws: it would
 * otherwise hash as `{}`, and a change to it would go unseen by whatever the hash keys.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null || typeof value !== "object") {
    if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint")
      throw new TypeError(`canonicalJson: cannot hash a ${typeof value}`);
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Set) return `{"$set":[${[...value].map(canonicalJson).sort().join(",")}]}`;
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]) => `[${canonicalJson(key)},${canonicalJson(item)}]`);
    return `{"$map":[${entries.sort().join(",")}]}`;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    throw new TypeError(`canonicalJson: cannot hash a ${value.constructor?.name ?? "non-plain"} object`);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(",")}}`;
}
