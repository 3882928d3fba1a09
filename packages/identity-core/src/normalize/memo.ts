/**
 * Remembers the results of a pure one-argument function. Exports repeat the same names, e-mails and
 * phone numbers over and over, and normalizing them is most of the cost of a record. Bounded:
 * cleared when full.
 */
export function memoize<R>(compute: (key: string) => R, limit = 100_000): (key: string) => R {
  const cache = new Map<string, R>();
  return (key: string) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
