/**
 * A JSON object assembled from its members' JSON, for responses whose parts
 * are kept as JSON (list items made once, then reused): parsing and
 * serialising them again on every request is most of such a request's cost.
 */
export function jsonObjectOf<T>(members: Record<keyof T, string>): string {
  return `{${Object.entries<string>(members)
    .map(([key, json]) => `${JSON.stringify(key)}:${json}`)
    .join(',')}}`;
}

/** A JSON array assembled from its elements' JSON. */
export function jsonArrayOf(elements: string[]): string {
  return `[${elements.join(',')}]`;
}
