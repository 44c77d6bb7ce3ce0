/**
 * A part's seed as the unsigned 32-bit word it is, `0xe25e6c31`, rather than the negative
 * decimal fast-check takes (`-497128399`); reports print both where there is room.
 */
export function seedHex(seed: number): string {
  return `0x${(seed >>> 0).toString(16).padStart(8, '0')}`;
}
