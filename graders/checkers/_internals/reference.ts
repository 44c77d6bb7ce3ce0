import type { SolverFn } from '../../../reference/types.ts';
import type { PartSpec } from '../../spec/types.ts';
import type { CheckContext } from '../types.ts';

/**
 * A fault of the course author or of the harness (a solver missing from the registry, a
 * reference value that is not a number), as opposed to a fault of the student's answer. It is
 * thrown, never turned into a student's score, so the run reports it as an internal fault.
 */
export class ReferenceFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceFault';
  }
}

export function solverOf(ctx: CheckContext, part: PartSpec, name: string): SolverFn {
  const fn = ctx.solvers.solvers[name];
  if (typeof fn !== 'function') throw new ReferenceFault(`${part.id}: reference solver "${name}" is not in the registry`);
  return fn;
}

/** Calls a solver that must return a finite number. */
export function referenceNumber(part: PartSpec, name: string, fn: SolverFn, ...args: unknown[]): number {
  const value = fn(...args);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ReferenceFault(`${part.id}: reference solver "${name}" returned ${String(value)}, not a finite number`);
  }
  return value;
}
