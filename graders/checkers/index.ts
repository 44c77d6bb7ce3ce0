import type { PartSpec } from '../pack/types.ts';
import { kindOf } from './kinds.ts';
import type { Checker } from './types.ts';

/** The checker of a part's kind. */
export function checkerFor(part: PartSpec): Checker {
  const kind = kindOf(part);
  return { kind: part.kind, check: (p, answer, ctx) => kind.check(p as never, answer, ctx) };
}
