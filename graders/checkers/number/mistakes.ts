import type { Pack } from '../../pack/define-pack.ts';
import { attempt } from '../_internals/kind-helpers.ts';
import type { NumberPart } from './part.ts';

/** The mistakes with their wrong values: a mistake solver is run (under the student's params) in place of a value. */
export function mistakeValues(part: NumberPart, pack: Pack): NumberPart['mistakes'] {
  return part.mistakes.map((m) => {
    if (m.solver === undefined) return m;
    const run = attempt(() => pack.solvers[m.solver!]?.());
    return { ...m, value: run.ok && typeof run.value === 'number' ? run.value : Number.NaN };
  });
}
