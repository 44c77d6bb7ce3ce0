// The bench's command line: whole numbers, lists of them, and switches, read from process.argv.

/** The value after `--name` as a positive whole number, or `fallback` when the flag is absent. */
export function numberOption(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  return positive(process.argv[i + 1], name);
}

/** The comma-separated value after `--name` (e.g. `--scale 100,300,1000`), or undefined when absent. */
export function listOption(name: string): number[] | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const raw = process.argv[i + 1];
  if (raw === undefined || raw.startsWith('--')) throw new Error(`--${name} expects a comma-separated list of positive whole numbers`);
  return raw.split(',').map((s) => positive(s, name));
}

/** The value after `--name` as it is (a path, a folder), or undefined when the flag is absent. */
export function textOption(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const raw = process.argv[i + 1];
  if (raw === undefined || raw.startsWith('--')) throw new Error(`--${name} expects a value`);
  return raw;
}

export const flag = (name: string): boolean => process.argv.includes(`--${name}`);

function positive(raw: string | undefined, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive whole number`);
  return n;
}
