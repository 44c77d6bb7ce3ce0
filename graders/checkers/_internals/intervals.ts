
/**
 * Slack added to every tolerance so that values that are equal on paper but not in float64
 * (100/9 read from "1/9" as 100 × (1/9)) are still accepted.
 */
export function within(value: number, target: number, tolerance: number): boolean {
  return Math.abs(value - target) <= tolerance + 1e-9 * Math.max(1, Math.abs(target));
}

/** "27.5 to 28.5 (%)", or "5" for an exact answer. */
export function acceptedText(target: number, tolerance: number, unit: 'percent' | undefined): string {
  const suffix = unit === 'percent' ? ' (%)' : '';
  if (tolerance === 0) return `${rounded(target)}${suffix}`;
  return `${rounded(target - tolerance)} to ${rounded(target + tolerance)}${suffix}`;
}

/** Interval bounds are read by people: six significant digits, no ellipsis. */
function rounded(x: number): string {
  return String(Number(x.toPrecision(6)));
}
