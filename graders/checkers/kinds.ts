/**
 * The kind list: every answer kind dlgrade grades, each a module of its own folder. The part
 * union, the question schema's kinds, the loader, the validator, the grader, the self-test and
 * publish-spec all read it; a new kind is its folder, one line here and one in the union.
 */
import type { AnswerKind } from './kind.ts';
import { asymptoticKind } from './asymptotic/kind.ts';
import type { AsymptoticPart } from './asymptotic/part.ts';
import { choiceKind } from './choice/kind.ts';
import type { ChoicePart } from './choice/part.ts';
import { codeKind } from './code/kind.ts';
import type { CodePart } from './code/part.ts';
import { formulaKind } from './formula/kind.ts';
import type { FormulaPart } from './formula/part.ts';
import { gradientKind } from './gradient/kind.ts';
import { limitKind } from './limit/kind.ts';
import type { LimitPart } from './limit/part.ts';
import { matrixKind } from './matrix/kind.ts';
import type { MatrixPart } from './matrix/part.ts';
import { matrixFormulaKind } from './matrix-formula/kind.ts';
import type { MatrixFormulaPart } from './matrix-formula/part.ts';
import type { GradientPart } from './gradient/part.ts';
import { numberKind } from './number/kind.ts';
import type { NumberPart } from './number/part.ts';
import { setKind } from './set/kind.ts';
import type { SetPart } from './set/part.ts';
import { textKind } from './text/kind.ts';
import type { TextPart } from './text/part.ts';
import { weightsKind } from './weights/kind.ts';
import type { WeightsPart } from './weights/part.ts';

/** A part of any kind. */
export type PartSpec = NumberPart | FormulaPart | MatrixFormulaPart | MatrixPart | LimitPart | AsymptoticPart | SetPart | ChoicePart | WeightsPart | CodePart | GradientPart | TextPart;
export type PartKind = PartSpec['kind'];

type KindTable = { readonly [K in PartKind]: AnswerKind<Extract<PartSpec, { kind: K }>> };

/** Every kind, in the order the schema and the docs list them. */
export const KINDS: KindTable = {
  number: numberKind,
  formula: formulaKind,
  'matrix-formula': matrixFormulaKind,
  matrix: matrixKind,
  limit: limitKind,
  asymptotic: asymptoticKind,
  set: setKind,
  choice: choiceKind,
  weights: weightsKind,
  code: codeKind,
  gradient: gradientKind,
  text: textKind,
};

export const PART_KINDS = Object.keys(KINDS) as PartKind[];

/** The kind module of a part. */
export function kindOf<P extends PartSpec>(part: P): AnswerKind<P> {
  return KINDS[part.kind] as unknown as AnswerKind<P>;
}
