import { describeValue } from './render.ts';

/** A student's number as read, or why it cannot be read. */
export type ReadNumber =
  | { ok: true; value: number; /** How the text was read, when not literally (e.g. a ratio turned into a percentage). */ reading?: string }
  | { ok: false; problem: string };

const DECIMAL = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const PLAIN = new RegExp(`^(${DECIMAL})$`);
const FRACTION = new RegExp(`^(${DECIMAL})\\s*/\\s*(${DECIMAL})$`);

/**
 * Reads a number answer: a YAML number, or text such as `"28"`, `" 5 "`, `"1/9"`, `"28%"`,
 * `"11.1 %"`. The value is in the unit asked: for percentage parts a bare number is already in
 * percent, and a fraction a/b with |a/b| ≤ 1 and no percent sign is read as a ratio (1/9 → 11.11 %).
 */
export function readNumber(answer: unknown, unit: 'percent' | undefined): ReadNumber {
  const percent = unit === 'percent';
  const fail = (): ReadNumber => ({
    ok: false,
    problem: `expected a number (e.g. 28 or ${percent ? '"28%"' : '"1/9"'}), found ${describeValue(answer)}`,
  });
  if (typeof answer === 'bigint') return { ok: true, value: Number(answer) };
  if (typeof answer === 'number') return Number.isFinite(answer) ? { ok: true, value: answer } : fail();
  if (typeof answer !== 'string') return fail();

  // A typographic minus is what some editors type; it means the same thing.
  let text = answer.trim().replace(/\u2212/g, '-');
  let hasPercent = false;
  if (text.endsWith('%')) {
    if (!percent) {
      return { ok: false, problem: `expected a plain number here (the answer is not a percentage), found ${describeValue(answer)}` };
    }
    hasPercent = true;
    text = text.slice(0, -1).trimEnd();
  }
  const plain = PLAIN.exec(text);
  if (plain) {
    const value = Number(plain[1]);
    return Number.isFinite(value) ? { ok: true, value } : fail();
  }
  const fraction = FRACTION.exec(text);
  if (fraction) {
    const num = Number(fraction[1]);
    const den = Number(fraction[2]);
    const ratio = num / den;
    if (!Number.isFinite(ratio)) return { ok: false, problem: `the fraction ${JSON.stringify(answer.trim())} has no finite value` };
    if (percent && !hasPercent && Math.abs(ratio) <= 1) {
      const value = ratio * 100;
      return { ok: true, value, reading: `${text.replace(/\s+/g, '')} read as a ratio, i.e. ${formatPercent(value)}` };
    }
    return { ok: true, value: ratio };
  }
  return fail();
}

function formatPercent(x: number): string {
  return `${Number(x.toPrecision(6))}%`;
}
