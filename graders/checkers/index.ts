import type { PartSpec } from '../pack/types.ts';
import { choiceChecker } from './choice.ts';
import { codeChecker } from './code.ts';
import { formulaChecker } from './formula.ts';
import { gradientChecker } from './gradient.ts';
import { numberChecker } from './number.ts';
import { textChecker } from './text.ts';
import type { Checker } from './types.ts';
import { weightsChecker } from './weights.ts';

const CHECKERS: { [K in PartSpec['kind']]: Checker<Extract<PartSpec, { kind: K }>> } = {
  number: numberChecker,
  formula: formulaChecker,
  choice: choiceChecker,
  weights: weightsChecker,
  code: codeChecker,
  gradient: gradientChecker,
  text: textChecker,
};

export function checkerFor(part: PartSpec): Checker {
  return CHECKERS[part.kind] as Checker;
}
