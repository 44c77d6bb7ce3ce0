import { describe, expect, it } from 'vitest';
import type { FormulaPart } from '../../pack/types.ts';
import { formulaChecker } from './check.ts';
import { contextFor } from '../../../tests/support/check-context.ts';

// Equivalent forms and near misses of the six dl-hw formula parts, as students type them. Each
// reading was checked with sympy (simplify of the difference is 0 exactly for the equivalent
// forms, and not 0 for every near miss) when the corpus was written.
const corpus: { part: FormulaPart; same: string[]; near: string[] }[] = [
  {
    part: { id: 'q1.1.params_5x5', kind: 'formula', points: 1, prompt: '', visibility: 'visible', solver: 'inception.params5x5', answer: "25F + 1", variables: { F: { type: 'integer', min: 1, max: 512 } }, tolerance: 1e-6, samples: 200, mistakes: [] },
    same: ["25·F + 1", "1 + 25 × F", "(50F + 2) ÷ 2", "5²F + 1", "25F − (−1)", "[25F + 1]", "log(exp(25F + 1))", "ln(e^(25F)) + 1", "F**2 * 25 / F + 1", "25 F¹ + 1⁰", "√(625F²) + 1", "|25F + 1|"],
    near: ["25F", "25F + 2", "24F + 1", "26F + 1", "25F - 1", "F(25F + 1)", "25(F + 1)", "5F + 1", "25F^2 + 1", "log(exp(25F + 2))"],
  },
  {
    part: { id: 'q1.1.params_two_3x3', kind: 'formula', points: 1, prompt: '', visibility: 'visible', solver: 'inception.paramsTwo3x3', answer: "18F + 2", variables: { F: { type: 'integer', min: 1, max: 512 } }, tolerance: 1e-6, samples: 200, mistakes: [] },
    same: ["2(9F + 1)", "2·(9·F + 1)", "9F + 1 + 9F + 1", "[9F + 1]·2", "3²F·2 + 2", "18×F + 2", "(36F + 4)/2"],
    near: ["9F + 1 + 9 + 1", "18F", "9F + 1", "18F + 1", "2(9F + 2)", "18(F + 1)"],
  },
  {
    part: { id: 'q1.1.saving', kind: 'formula', points: 1, prompt: '', visibility: 'visible', solver: 'inception.saving', answer: "(7F - 1)/(25F + 1)", variables: { F: { type: 'integer', min: 1, max: 512 } }, tolerance: 1e-6, samples: 200, mistakes: [] },
    same: ["(7F − 1)/(25F + 1)", "1 − (18F + 2)/(25F + 1)", "(7·F − 1) ÷ (25·F + 1)", "[7F - 1]/[25F + 1]", "(25F + 1 - 18F - 2)/(25F + 1)", "7/25 - (32/25)/(25F + 1)"],
    near: ["7/25", "(18F + 2)/(25F + 1)", "(7F - 1)/(18F + 2)", "(7F + 1)/(25F + 1)", "(7F - 1)/(25F)", "7F/(25F + 1)"],
  },
  {
    part: { id: 'q1.3.cost_ratio', kind: 'formula', points: 1, prompt: '', visibility: 'visible', solver: 'inception.costRatio', answer: "2/n", variables: { n: { type: 'integer', min: 1, max: 64 } }, tolerance: 1e-6, samples: 200, mistakes: [] },
    same: ["2 ÷ n", "2n/n²", "2·n/n^2", "2n^(-1)", "2n⁻¹", "(n + n)/n**2", "2/(n)"],
    near: ["n/2", "1/n", "1 - 2/n", "2/n^2", "2n", "(n - 2)/n", "4/n"],
  },
  {
    part: { id: 'q1.4.ratio_R_over_L', kind: 'formula', points: 1, prompt: '', visibility: 'visible', solver: 'inception.gridRatio', answer: "(2 + 8K^2 C0)/(1 + 2K^2 C0)", variables: { K: { type: 'integer', min: 1, max: 7 }, C0: { type: 'integer', min: 1, max: 256 } }, tolerance: 1e-6, samples: 200, mistakes: [] },
    same: ["(2 + 8C0K^2)/(1 + 2K^2C0)", "(2 + 8K²C₀)/(1 + 2K²C₀)", "(2 + 8 K^2 C_0)/(1 + 2 K^2 C_0)", "4 − 2/(1 + 2K²C0)", "2(1 + 4K²C0)/(1 + 2K²C0)", "(2 + 8·K²·C0) ÷ (1 + 2·K²·C0)", "[2 + 8 K**2 C0]/[1 + 2 K**2 C0]"],
    near: ["4", "2", "(2 + 8K^2 C0)/(1 + 2K C0)", "(1 + 8K^2 C0)/(1 + 2K^2 C0)", "(2 + 8K^2 C0)/(2 + 2K^2 C0)", "(2 + 4K^2 C0)/(1 + 2K^2 C0)", "4 - 1/(1 + 2K^2 C0)"],
  },
  {
    part: { id: 'q2.2.kl_gaussians', kind: 'formula', points: 1, prompt: '', visibility: 'visible', solver: 'vae.klGaussians', answer: "log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2", variables: { mu1: { type: 'real', min: -3, max: 3 }, mu2: { type: 'real', min: -3, max: 3 }, s1: { type: 'real', min: 0.2, max: 4 }, s2: { type: 'real', min: 0.2, max: 4 } }, tolerance: 1e-6, samples: 200, mistakes: [] },
    same: ["log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − 1/2", "ln(s_2) − ln(s_1) + [s_1² + (mu_1 − mu_2)²] ÷ [2·s_2²] − 0.5", "log(\\sigma_2/\\sigma_1) + (\\sigma_1^2 + (\\mu_1 - \\mu_2)^2)/(2\\sigma_2^2) - 1/2", "1/2 (log(s2²/s1²) + (s1² + (mu1 − mu2)²)/s2² − 1)", "log(s2/s1) + s1**2/(2*s2**2) + (mu2 - mu1)**2/(2*s2**2) - 1/2", "−log(s1/s2) + (s1² + mu1² − 2mu1mu2 + mu2²)/(2s2²) − 1/2"],
    near: ["log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s1^2) - 1/2", "log(s1/s2) + (s2^2 + (mu1 - mu2)^2)/(2 s1^2) - 1/2", "log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s2^2)", "log(s2/s1) + (s1^2 + (mu1 + mu2)^2)/(2 s2^2) - 1/2", "(s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2", "log(s2/s1) + (s1 + (mu1 - mu2)^2)/(2 s2^2) - 1/2", "2log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2"],
  },
];

describe('the dl-hw formula corpus', () => {
  for (const { part, same, near } of corpus) {
    it.each(same)(`${part.id}: passes %s`, async (answer) => {
      const r = await formulaChecker.check(part, answer, contextFor(part.id));
      expect(r.status, r.feedback).toBe('passed');
    });
    it.each(near)(`${part.id}: fails the near miss %s`, async (answer) => {
      const r = await formulaChecker.check(part, answer, contextFor(part.id));
      expect(r.status, r.feedback).toBe('failed');
      expect(r.counterexample).toBeDefined();
    });
  }
});
