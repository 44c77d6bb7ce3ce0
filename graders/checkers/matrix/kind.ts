import type { AnswerKind } from '../kind.ts';
import { attempt, convertMistakes } from '../_internals/kind-helpers.ts';
import { gradeMatrixAnswer } from '../_math/matrix-answer.ts';
import { checkMatrix, shapeWords, tensorOf } from './check.ts';
import type { MatrixPart, NumericTensor } from './part.ts';
import { matrixSchema } from './schema.ts';

/** The shape of a nested list as written: [n] or [rows, cols]; undefined when ragged. */
function shapeOfValue(v: NumericTensor): number[] | undefined {
  if (v.every((x) => typeof x === 'number')) return [v.length];
  if (v.every((x) => Array.isArray(x))) {
    const cols = (v[0] as number[]).length;
    return (v as number[][]).every((r) => r.length === cols) ? [v.length, cols] : undefined;
  }
  return undefined;
}

const sameShape = (a: readonly number[] | undefined, b: readonly number[]) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

export const matrixKind: AnswerKind<MatrixPart> = {
  kind: 'matrix',
  answeredIn: 'answers',
  schema: matrixSchema,
  convert(r, base) {
    const tol = (r.tolerance as { absolute?: number; relative?: number } | undefined) ?? {};
    const part: MatrixPart = {
      ...base,
      kind: 'matrix',
      solver: (r.solver as string | undefined) ?? '',
      shape: [...(r.shape as number[])],
      tolerance: { absolute: tol.absolute ?? 0, relative: tol.relative ?? 1e-6 },
      partial: r.partial_credit === 'per-entry',
      mistakes: convertMistakes(r, (m) => ({ value: m.value as NumericTensor }), 'value'),
    };
    if (r.expected !== undefined) part.expected = r.expected as NumericTensor;
    return part;
  },
  names: (p) => (p.solver === '' ? [] : [{ table: 'solvers', what: 'solver', name: p.solver, path: ['solver'] }]),
  mistakeMatcher: 'value',
  rules({ part, at, error, publicPack }) {
    if (part.solver === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "solver"; name the reference solver (only a public pack leaves it out)`);
    const check = (v: NumericTensor, path: (string | number)[], what: string) => {
      const found = shapeOfValue(v);
      const flatVector = part.shape.length === 1 && found?.length === 2 && found[1] === 1 && found[0] === part.shape[0];
      if (!sameShape(found, part.shape) && !flatVector) error('SHAPE_MISMATCH', at(...path), `${what} is ${found ? (found.length === 1 ? `a vector of ${found[0]} numbers` : `a ${found[0]}×${found[1]} matrix`) : 'a ragged list'}, but shape says ${shapeWords(part.shape)}`);
    };
    if (part.expected !== undefined) check(part.expected, ['expected'], 'expected');
    part.mistakes.forEach((m, j) => check(m.value, ['mistakes', j, 'value'], `known mistake "${m.id}"`));
  },
  referenceRules({ part, at, pack, error }) {
    const solver = pack.solvers[part.solver];
    if (!solver) return;
    const run = attempt(() => tensorOf(part, solver(), `reference solver "${part.solver}" result`));
    if (!run.ok) return void error('SOLVER_NOT_FINITE', at('solver'), `${run.error}; fix the solver or the shape`);
    const want = run.value;
    if (want.data.some((x) => !Number.isFinite(x))) return void error('SOLVER_NOT_FINITE', at('solver'), `reference solver "${part.solver}" gives a non-finite entry; fix the solver`);
    const options = { shape: part.shape, tolerance: part.tolerance, partial: false };
    if (part.expected !== undefined) {
      const g = gradeMatrixAnswer(part.expected, want, options);
      if (g.status !== 'passed' && g.status !== 'invalid') error('ANSWER_DISAGREES_WITH_SOLVER', at('expected'), `expected disagrees with the solver "${part.solver}": ${g.feedback.replace(/\.$/, '')}; fix the answer key or the solver`);
    }
    part.mistakes.forEach((m, j) => {
      if (gradeMatrixAnswer(m.value, want, options).status === 'passed') error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'value'), `known mistake "${m.id}" is accepted as the answer within the tolerance; a known mistake must be wrong`);
    });
  },
  check: checkMatrix,
  selftest: {
    reference: (p, pack) => ({ answer: pack.solvers[p.solver]?.() }),
    mistake: (_p, m) => ({ answer: m.value }),
  },
  publish(_part, node) {
    for (const key of ['solver', 'expected', 'mistakes']) node.delete(key);
  },
  answerHint: (p) => (p.shape.length === 1 ? `vector of ${p.shape[0]} numbers` : `${p.shape[0]}×${p.shape[1]} matrix, one list per row`),
};
