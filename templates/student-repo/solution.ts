// Solution file for Deep learning homework: Inception, autoencoders, RNNs, skip-gram (dl-hw): implement every function below.

/** q2.1.kl_to_std_normal (4 pts): klToStdNormal(mu, logVar): KL(N(mu, diag exp(logVar)) || N(0, I)) = 1/2 sum(mu^2 + exp(logVar) - 1 - logVar). */
export function klToStdNormal(mu: number[], logVar: number[]): number {
  // TODO: implement klToStdNormal.
  throw new Error('TODO: klToStdNormal is not implemented yet');
}

/** q2.3.contractive_penalty (4 pts): contractivePenalty(W, b, x): ||J_f(x)||_F^2 of the sigmoid encoder h = sigmoid(Wx + b), W H x D. */
export function contractivePenalty(W: number[][], b: number[], x: number[]): number {
  // TODO: implement contractivePenalty.
  throw new Error('TODO: contractivePenalty is not implemented yet');
}

/** q2.3.contractive_penalty_grad (4 pts): contractivePenaltyGrad(W, b, x): gradient of the contractive penalty with respect to W and b, as { dW, db }. */
export function contractivePenaltyGrad(W: number[][], b: number[], x: number[]): { dW: number[][]; db: number[] } {
  // TODO: implement contractivePenaltyGrad.
  throw new Error('TODO: contractivePenaltyGrad is not implemented yet');
}

/** q4.1.clip_by_global_norm (4 pts): clipByGlobalNorm(grads, maxNorm): scale every entry by maxNorm / norm when the global L2 norm exceeds maxNorm, else return the gradients unchanged. */
export function clipByGlobalNorm(grads: number[][], maxNorm: number): number[][] {
  // TODO: implement clipByGlobalNorm.
  throw new Error('TODO: clipByGlobalNorm is not implemented yet');
}

/** q4.2.lstm_step (5 pts): lstmStep(x, hPrev, cPrev, { Wx, Wh, b }): one LSTM step, gate blocks stacked i, f, g, o; returns { h, c }. */
export function lstmStep(x: number[], hPrev: number[], cPrev: number[], p: { Wx: number[][]; Wh: number[][]; b: number[] }): { h: number[]; c: number[] } {
  // TODO: implement lstmStep.
  throw new Error('TODO: lstmStep is not implemented yet');
}

/** q5.3.loss (6 pts): skipGramLoss(W, Wp, center, contexts): sum over the context words of -log softmax(Wp^T v_c)[context]. */
export function skipGramLoss(W: number[][], Wp: number[][], center: number, contexts: number[]): number {
  // TODO: implement skipGramLoss.
  throw new Error('TODO: skipGramLoss is not implemented yet');
}

/** q5.4.gradients (9 pts): skipGramGradients(W, Wp, center, contexts): gradient of the loss with respect to W and Wp, as { dW, dWp }. */
export function skipGramGradients(W: number[][], Wp: number[][], center: number, contexts: number[]): { dW: number[][]; dWp: number[][] } {
  // TODO: implement skipGramGradients.
  throw new Error('TODO: skipGramGradients is not implemented yet');
}
