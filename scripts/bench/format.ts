// How the bench prints its figures.

/** The q-quantile of `xs` (nearest rank), NaN for an empty list. */
export const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
export const ms = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '-');

/** Median, p95 and p99 of a list of latencies, in one phrase. */
export const percentiles = (xs: readonly number[]): string => `p50 ${ms(quantile(xs, 0.5))}, p95 ${ms(quantile(xs, 0.95))}, p99 ${ms(quantile(xs, 0.99))}, max ${ms(quantile(xs, 1))}`;

/** The machine's load averages, to print beside figures measured on a shared machine. */
export const loadAverage = (loads: readonly number[]): string => `load average ${loads.map((l) => l.toFixed(2)).join(', ')}`;
