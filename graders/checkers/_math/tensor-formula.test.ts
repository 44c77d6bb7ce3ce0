import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTensors, renderTensor, solverTarget, type TensorTarget } from './tensor-compare.ts';
import { compileTensorFormula, type TensorDomain } from './tensor-formula.ts';
import { norm, symmetricEigenvalues, tensor } from './tensor-ops.ts';

const domain: TensorDomain = {
  variables: { W: { shape: ['N', 'V'] }, "W'": { shape: ['V', 'N'] }, x: { shape: ['V'] }, y: { shape: ['N'] }, J: { shape: ['H', 'D'] }, b: { shape: ['N'] }, c: { shape: [] } },
  dims: { N: { min: 1, max: 4 }, V: { min: 1, max: 4 }, H: { min: 1, max: 3 }, D: { min: 1, max: 3 } },
};

const target = (text: string): TensorTarget => {
  const r = compileTensorFormula(text, domain);
  if (!r.ok) throw new Error(r.problem);
  return r;
};
const compare = (student: string, reference: string) => compareTensors({ student: target(student), reference: target(reference), domain, samples: 100, seed: 7, tolerance: 1e-9 });

describe('matrix formulas', () => {
  it.each([
    ['W x', ['W*x', 'W(x)',  '(x^T W^T)^T', "(x' W^T)'", 'transpose(transpose(x) transpose(W))', '(xᵀ Wᵀ)ᵀ']],
    ["W'^T x + b", ["(x^T W')^T + b", "b + W'ᵀx"]],
    ['W^T y + W^T b', ['W^T (y + b)', 'Wᵀ(y + b)', 'W^T(y + b)', "W' (y + b)".replace("W'", 'transpose(W)'), '((y + b)^T W)^T']],
    ['||J||_F^2', ['trace(J^T J)', 'sum(J .* J)', 'sum(J ⊙ J)', 'norm(J, "fro")^2', '‖J‖_F²', 'tr(J J^T)', 'sum(diag(J^T J))']],
    ['softmax(x)', ['exp(x)/sum(exp(x))', 'exp(x - logsumexp(x))', 'exp(x) / (ones^T exp(x))'.replace('ones^T exp(x)', 'sum(exp(x))')]],
    ['log(softmax(x))', ['x - logsumexp(x)', 'x - log(sum(exp(x)))']],
    ['σ(W x + b)', ['sigmoid(W x + b)', '1 ./ (1 + exp(-(W x + b)))', '(tanh((W x + b)/2) + 1)/2']],
    ['relu(W x) - relu(-W x)', ['W x']],
    ['softplus(y) - softplus(-y)', ['y']],
    ['x x^T', ['outer(x, x)', 'diag(x) ones'.replace('diag(x) ones', 'outer(x, x)')]],
    ['x^T x', ['dot(x, x)', 'norm(x, 2)^2', '||x||^2', '‖x‖₂²', 'sum(x .^ 2)']],
    ['norm(x, 1)', ['sum(abs(x))', '||x||_1']],
    ['c W', ['W c', 'W * c', 'c .* W']],
    ['V x', ['x V', 'sum(ones) x'.replace('sum(ones) x', 'x * V')]],
    ['diag(diag(x)) ', ['x']],
    ['norm(x, "inf")', ['norm(x, inf)', 'norm(x, Inf)', '||x||_inf', '‖x‖_∞', 'max(abs(x))']],
    ['log_softmax(x)', ['x - logsumexp(x)', 'log(softmax(x))', 'x - max(x) - log(sum(exp(x - max(x))))']],
    ['max(x)', ['-min(-x)']],
    ['norm(W, "fro")', ['sqrt(trace(W^T W))', '‖W‖_F', '||W||_fro']],
  ])('accepts %s written as each of its equivalent forms', (reference, forms) => {
    for (const form of forms) {
      const v = compare(form, reference);
      expect(v, `${form} vs ${reference}: ${'message' in v ? v.message : ''}`).toMatchObject({ ok: true });
    }
  });

  it('reports a shape mismatch of the answer with both shapes, before any number', () => {
    expect(compare("W' y", 'W x')).toEqual({ ok: false, kind: 'shape', message: 'Your formula is a [V] vector but the answer is a [N] vector.' });
    expect(compare('x^T W^T', 'W x')).toEqual({ ok: false, kind: 'shape', message: 'Your formula is a [1, N] row vector but the answer is a [N] vector.' });
  });

  it.each([
    ['W y', 'W y multiplies a [N, V] matrix by a [N] vector: the inner sizes V and N differ'],
    ['W + x', 'W + x adds a [N, V] matrix and a [V] vector: the shapes must be the same (or one a scalar)'],
    ['x / y', 'x / y divides by a [N] vector: only division by a scalar is defined (use ./ to divide entrywise)'],
    ['trace(W)', 'trace(W) of a [N, V] matrix: the trace needs a square matrix'],
    ['softmax(W)', 'softmax(W) of a [N, V] matrix: softmax takes a vector (apply it to each column you mean)'],
    ['||J||', '‖J‖ of a [H, D] matrix is ambiguous: write ‖…‖_F for the Frobenius norm or ‖…‖_2 for the spectral norm'],
    ['W^2', 'W ^ 2 raises a [N, V] matrix to a power: only a square matrix to a whole power 1 to 16 is defined (use .^ entrywise, or ^T to transpose)'],
    ['dot(x, y)', 'dot(x, y) of a [V] vector and a [N] vector: the lengths V and N differ'],
  ])('refuses %s, naming both shapes', (text, problem) => {
    expect(compileTensorFormula(text, domain)).toEqual({ ok: false, problem, shapeError: true });
  });

  it.each([
    ['W z', /uses z, which is not a variable of this part/],
    ['inv(W)', /the function inv is not allowed/],
    ['W x +', /could not read the formula/],
    ['[1, 2]', /commas only separate/],
    ['W x; x', /several expressions/],
    ['norm(x, 3)', /p = 1, 2, "inf" or "fro"/],
  ])('refuses the malformed %s with a message', (text, problem) => {
    const r = compileTensorFormula(text, domain);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });

  it('finds a wrong formula at small sizes, naming the entry', () => {
    const v = compare('W x + 0.5 diag(diag(y)) ', 'W x');
    expect(v).toMatchObject({ ok: false, kind: 'value' });
    if (v.ok || v.kind !== 'value') return;
    expect(v.env.dims).toMatchObject({ N: 1, V: 1 });
    expect(v.message).toMatch(/^At N = 1, V = 1, H = \d, D = \d, W = \[\[[-\d.e]+\]\], .*, y = \[[-\d.e]+\], .* your formula gives [-\d.e]+ but the correct value is [-\d.e]+\.$/);
  });

  it('shows simple entries, not the tolerance edge shrinking reaches, when an answer is off by a small term', () => {
    const v = compare('W x + 0.001 y', 'W x');
    if (v.ok || v.kind !== 'value') throw new Error('expected a value counterexample');
    expect(v.env.dims).toMatchObject({ N: 1, V: 1 });
    expect(v.message).toMatch(/^At N = 1, V = 1, H = \d, D = \d, W = \[\[1\]\], W' = \[\[1\]\], x = \[1\], y = \[1\], .*your formula gives 1\.001 but the correct value is 1\.$/);
    // Where the entries shrunk to already show the error plainly, they stay.
    const zero = compare('W x + sum(y) + 1', 'W x');
    if (zero.ok || zero.kind !== 'value') throw new Error('expected a value counterexample');
    expect([...zero.env.values['y']!.data, ...zero.env.values['W']!.data]).toEqual([0, 0]);
  });

  it('shows a counterexample that is one, whatever the wrong term', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-7, max: 10, noNaN: true }), fc.constantFrom('y', 'b', 'W x', 'sum(x) y'), (eps, term) => {
        const v = compare(`W x + ${eps} (${term})`, 'W x');
        if (v.ok || v.kind !== 'value') return v.ok === false;
        const k = v.entry[0] * v.want.cols + v.entry[1];
        return Math.abs(v.got.data[k]! - v.want.data[k]!) > 1e-9 * Math.max(1, Math.abs(v.got.data[k]!), Math.abs(v.want.data[k]!));
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('needs the sizes to vary: W Wᵀ and Wᵀ W agree at 1×1 only', () => {
    const square: TensorDomain = { variables: { A: { shape: ['N', 'N'] } }, dims: { N: { min: 1, max: 3 } } };
    const a = compileTensorFormula('A A^T', square);
    const b = compileTensorFormula('A^T A', square);
    if (!a.ok || !b.ok) throw new Error('unreadable');
    const v = compareTensors({ student: a, reference: b, domain: square, samples: 100, seed: 3, tolerance: 1e-9 });
    expect(v).toMatchObject({ ok: false, kind: 'value', env: { dims: { N: 2 } } });
  });

  it('compares against a reference solver on plain arrays, and faults a solver of the wrong shape', () => {
    const solver = (input: Record<string, unknown>) => (input.W as number[][]).map((row) => row.reduce((s, w, j) => s + w * (input.x as number[])[j]!, 0));
    const reference = solverTarget('q', 'matvec', solver, ['N', 1], domain);
    expect(compareTensors({ student: target('W x'), reference, domain, samples: 50, seed: 1, tolerance: 1e-9 })).toMatchObject({ ok: true });
    const broken = solverTarget('q', 'broken', () => [1, 2, 3, 4, 5], ['N', 1], domain);
    expect(() => compareTensors({ student: target('W x'), reference: broken, domain, samples: 5, seed: 1, tolerance: 1e-9 })).toThrow(/did not return a \[N\] vector/);
  });

  it('reads a primed matrix as its own name, and shows the reading', () => {
    const r = compileTensorFormula("W'ᵀ·x", { variables: { "W'": { shape: ['V', 'N'] }, x: { shape: ['V'] } }, dims: { N: { min: 1, max: 2 }, V: { min: 1, max: 2 } } });
    expect(r).toMatchObject({ ok: true, shape: ['N', 1], reading: "W'^T*x" });
  });

  it('computes the vector and matrix functions a DL course writes, at known values', () => {
    const square: TensorDomain = { variables: { x: { shape: ['N'] }, A: { shape: ['N', 'N'] }, W: { shape: [2, 3] } }, dims: { N: { min: 3, max: 3 } } };
    const env = { dims: { N: 3 }, values: { x: tensor(3, 1, [1, -2, 3]), A: tensor(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 10]), W: tensor(2, 3, [1, -2, 3, -4, 5, -6]) } };
    const value = (text: string) => {
      const r = compileTensorFormula(text, square);
      if (!r.ok) throw new Error(`${text}: ${r.problem}`);
      return Array.from(r.evaluate(env).data);
    };
    const lse = Math.log(Math.exp(1) + Math.exp(-2) + Math.exp(3));
    const cases: [string, number[]][] = [
      ['norm(x, 1)', [6]], ['norm(x, 2)', [Math.sqrt(14)]], ['norm(x, inf)', [3]], ['‖x‖', [Math.sqrt(14)]],
      ['‖W‖_F', [Math.sqrt(91)]], ['norm(W, 1)', [9]], ['norm(W, inf)', [15]],
      ['softmax(x)', [1, -2, 3].map((v) => Math.exp(v - lse))], ['logsumexp(x)', [lse]], ['log_softmax(x)', [1 - lse, -2 - lse, 3 - lse]],
      ['max(x)', [3]], ['min(x)', [-2]], ['sum(x)', [2]], ['mean(x)', [2 / 3]],
      ['trace(A)', [16]], ['tr(A)', [16]], ['diag(A)', [1, 5, 10]], ['diag(x)', [1, 0, 0, 0, -2, 0, 0, 0, 3]],
      ['outer(x, x)', [1, -2, 3, -2, 4, -6, 3, -6, 9]], ['dot(x, x)', [14]],
      ['relu(x)', [1, 0, 3]], ['sigmoid(x)', [1, -2, 3].map((v) => 1 / (1 + Math.exp(-v)))], ['tanh(x)', [1, -2, 3].map(Math.tanh)],
      ['exp(x)', [1, -2, 3].map(Math.exp)], ['log(abs(x))', [0, Math.log(2), Math.log(3)]], ['softplus(x)', [1, -2, 3].map((v) => Math.log1p(Math.exp(v)))],
    ];
    for (const [text, want] of cases) {
      const got = value(text);
      expect({ text, length: got.length }).toEqual({ text, length: want.length });
      got.forEach((g, k) => expect(g, `${text} entry ${k}`).toBeCloseTo(want[k]!, 12));
    }
  });

  it('computes the spectral norm as the largest singular value', () => {
    expect(norm(tensor(2, 2, [3, 0, 0, -4]), 2)).toBeCloseTo(4, 12);
    expect(norm(tensor(2, 2, [1, 2, 3, 4]), 2)).toBeCloseTo(5.464985704219043, 10);
    expect(symmetricEigenvalues(tensor(2, 2, [2, 1, 1, 2])).sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    expect(renderTensor(tensor(2, 2, [1, 0.5, -1, 1 / 3]))).toBe('[[1, 0.5], [-1, 0.333333…]]');
  });

  it('should never throw on garbage, and refuse deep nesting', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'Wxyb^T\'*+-/()[]|‖·⊙ₐ₂_F σ12.,'.split('')), maxLength: 30 }), (text) => {
        const r = compileTensorFormula(text, domain);
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) expect(r.evaluate({ dims: { N: 2, V: 2, H: 1, D: 1 }, values: { W: tensor(2, 2), "W'": tensor(2, 2), x: tensor(2, 1), y: tensor(2, 1), J: tensor(1, 1), b: tensor(2, 1), c: tensor(1, 1) } })).toBeDefined();
      }),
      { numRuns: 1000 },
    );
    expect(compileTensorFormula(`${'('.repeat(500)}x${')'.repeat(500)}`, domain)).toMatchObject({ ok: false, problem: expect.stringMatching(/more than 100 deep/) });
    const long = compileTensorFormula(Array.from({ length: 12_000 }, () => 'x').join(' + '), domain);
    expect(long).toMatchObject({ ok: true, shape: ['V', 1] });
  });
});
