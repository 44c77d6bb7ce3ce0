/**
 * The limits, growth and sets question: the expressions whose limits are asked, the costs whose
 * growth is asked, the membership tests of the sets, and the formulas compared up to a constant
 * or a factor. Each is computed the plain way (a loop, a count), not from the answer.
 */
const softplus = (x: number): number => (x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** (softplus(x) − log 2) / x, whose limit at 0 is softplus'(0) = sigmoid(0). */
export const softplusSlope = ({ x }: { x: number }): number => (softplus(x) - Math.LN2) / x;

/** The total weight 1 + β + … + β^(t−1) momentum gives a constant gradient after t steps. */
export const momentumWeight = ({ t, beta }: { t: number; beta: number }): number => (1 - beta ** t) / (1 - beta);

/** Multiply-adds of single-head self-attention with d = 64: the scores Q Kᵀ and the weighted sum of V. */
export const attentionCost = ({ n }: { n: number }): number => {
  const d = 64;
  return n * n * d + n * n * d;
};

/** Rounds of a pairwise (tree) reduction of n values: each round halves what is left. */
export const treeReductionRounds = ({ n }: { n: number }): number => {
  let rounds = 0;
  for (let left = n; left > 1; left = Math.ceil(left / 2)) rounds++;
  return rounds;
};

/**
 * Gradient descent w ← w − η·4w on f(w) = 2w² multiplies w by 1 − 4η each step, so it converges
 * from every start exactly when that factor is below 1 in size (at η = 1/2 it flips sign forever).
 */
export const convergentRate = ({ eta }: { eta: number }): boolean => Math.abs(1 - 4 * eta) < 1;

/** Strides at which a 3-wide kernel with padding 1 over width 16 ends exactly on the last column. */
export const exactStride = ({ s }: { s: number }): boolean => Number.isInteger(s) && s >= 1 && (16 + 2 * 1 - 3) % s === 0;

/** The negative log-likelihood of x under N(mu, s²). */
export const gaussianNll = ({ x, mu, s }: { x: number; mu: number; s: number }): number => ((x - mu) ** 2) / (2 * s * s) + Math.log(s) + 0.5 * Math.log(2 * Math.PI);

/** d/dp of the squared error (p − y)². */
export const squaredErrorGrad = ({ p, y }: { p: number; y: number }): number => 2 * (p - y);
