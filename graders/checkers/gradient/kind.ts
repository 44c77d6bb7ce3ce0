import { codeOptions, codeReferenceRules, codeRules, publishCode, type RawCodeOptions } from '../code/kind.ts';
import type { AnswerKind } from '../kind.ts';
import { convertMistakes } from '../_internals/kind-helpers.ts';
import { gradientChecker } from './check.ts';
import type { GradientPart } from './part.ts';
import { gradientSchema } from './schema.ts';

export const gradientKind: AnswerKind<GradientPart> = {
  kind: 'gradient',
  answeredIn: 'solution',
  schema: gradientSchema,
  convert: (r, base) => ({
    ...base,
    kind: 'gradient',
    ...codeOptions(r as unknown as RawCodeOptions),
    loss: (r.loss as string | undefined) ?? '',
    solver: (r.solver as string | undefined) ?? '',
    wrt: { ...(r.wrt as Record<string, number>) },
    threshold: (r.threshold as number | undefined) ?? 1e-5,
    step: (r.step as number | undefined) ?? 1e-5,
    mistakes: convertMistakes(r, (m) => ({ solver: m.solver as string }), 'solver'),
  }),
  names: (p) => [
    ...(p.loss === '' ? [] : [{ table: 'solvers' as const, what: 'solver', name: p.loss, path: ['loss'] }]),
    ...(p.solver === '' ? [] : [{ table: 'solvers' as const, what: 'solver', name: p.solver, path: ['solver'] }]),
    ...p.mistakes.map((m, j) => ({ table: 'solvers' as const, what: 'mutant solver', name: m.solver, path: ['mistakes', j, 'solver'] })),
  ],
  mistakeMatcher: 'solver',
  rules(c) {
    codeRules(c);
    const { part: p, at, error } = c;
    for (const [key, index] of Object.entries(p.wrt)) {
      if (index >= p.params.length) error('WRT_OUT_OF_RANGE', at('wrt', key), `wrt.${key} = ${index}, but ${p.function} has only ${p.params.length} parameter(s) (indices 0..${p.params.length - 1})`);
    }
  },
  referenceRules: (c) => codeReferenceRules(c),
  check: (part, answer, ctx) => gradientChecker.check(part, answer, ctx),
  selftest: {
    reference: (p) => ({ code: p.solver }),
    mistake: (_p, m) => ({ code: m.solver }),
  },
  publish: (part, node, c) => publishCode(part, node, c),
  answerHint: (p) => `function ${p.function}`,
};
