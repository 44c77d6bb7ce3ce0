import type { SolverFn } from '../../pack/define-pack.ts';
import type { PartSpec } from '../../pack/types.ts';
import type { CheckContext } from '../types.ts';
import { ReferenceFault } from '../../errors.ts';

export function solverOf(ctx: CheckContext, part: PartSpec, name: string): SolverFn {
  const fn = ctx.solvers.solvers[name];
  if (typeof fn !== 'function') throw new ReferenceFault(part.id, `reference solver "${name}" is not in the registry`);
  return fn;
}

/** Calls a solver that must return a finite number. */
export function referenceNumber(part: PartSpec, name: string, fn: SolverFn, ...args: unknown[]): number {
  const value = fn(...args);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ReferenceFault(part.id, `reference solver "${name}" returned ${String(value)}, not a finite number`);
  }
  return value;
}
