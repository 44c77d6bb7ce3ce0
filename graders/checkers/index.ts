import type { PartSpec } from '../pack/types.ts';
import { choiceChecker } from './choice/check.ts';
import { codeChecker } from './code/check.ts';
import { formulaChecker } from './formula/check.ts';
import { gradientChecker } from './gradient/check.ts';
import { numberChecker } from './number/check.ts';
import { textChecker } from './text/check.ts';
import type { Checker } from './types.ts';
import { weightsChecker } from './weights/check.ts';

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
