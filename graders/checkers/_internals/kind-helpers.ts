import type { MistakeBase } from '../../pack/types.ts';

/** A known mistake as the YAML writes it (the kind's matcher field is in the rest). */
export type RawMistake = { id: string; feedback: string; credit?: number } & Record<string, unknown>;

/**
 * The part's known mistakes with their credit defaulted. A mistake without what recognises it
 * (`matcher`: its formula, mutant solver or diagnostic) is only described, as in a public pack:
 * it can never match, so grading does not see it.
 */
export function convertMistakes<T>(raw: Record<string, unknown>, extra: (m: RawMistake) => T, matcher?: string): (MistakeBase & T)[] {
  const list = (raw.mistakes as RawMistake[] | undefined) ?? [];
  return list.filter((m) => matcher === undefined || m[matcher] !== undefined).map((m) => ({ id: m.id, feedback: m.feedback, credit: m.credit ?? 0, ...extra(m) }));
}

/** Runs a reference function; a throw becomes a message instead of aborting validation. */
export function attempt<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Below this relative difference two values are the same value, not a tolerance question. */
export const SAME = 1e-12;

/** The seed validation samples domains with, so a pack validates the same way every time. */
export const VALIDATION_SEED = 20_261_210;

export const relClose = (a: number, b: number, tol: number) => Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** The first non-finite number inside a solver output, with where it sits (`[1][0]`, `.dW[0]`). */
export function firstNonFinite(value: unknown, at = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at || 'the result'} = ${value}`;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const list = Array.from(value as ArrayLike<unknown>);
    for (let i = 0; i < list.length; i++) {
      const found = firstNonFinite(list[i], `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = firstNonFinite(v, `${at}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}
