/**
 * The known ids closest to a mistyped one (edit distance, then alphabetical), for messages such
 * as `unknown student "alex-kin" (nearest: alex-kim, alex-king)`.
 */
export function nearestIds(id: string, known: Iterable<string>, count = 3): string[] {
  const scored: { id: string; d: number }[] = [];
  const limit = Math.max(2, Math.ceil(id.length / 2));
  for (const k of known) {
    const d = distance(id.toLowerCase(), k.toLowerCase(), limit);
    if (d <= limit) scored.push({ id: k, d });
  }
  scored.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, count).map((s) => s.id);
}

/** `unknown student "x" (nearest: a, b)` or `(no similar id)`. */
export function withNearest(id: string, known: Iterable<string>): string {
  const near = nearestIds(id, known);
  return near.length > 0 ? `nearest: ${near.join(', ')}` : 'no similar id';
}

/** Levenshtein distance, giving up (limit + 1) once every path is longer than `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}
