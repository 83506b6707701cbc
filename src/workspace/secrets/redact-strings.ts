/**
 * Pure: a deep copy of JSON-like data with `redact` applied to every string in it (object keys are
 * left alone). For records kept on disk, such as a phase transcript, whose strings came from many
 * places: what was sent (already redacted), what the model answered and what errors said.
 */
export function redactStrings<T>(value: T, redact: (text: string) => string): T {
  return walk(value, redact) as T;
}

function walk(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, redact));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, redact)]));
  }
  return value;
}
