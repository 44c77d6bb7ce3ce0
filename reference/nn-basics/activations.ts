/** Question 2 (activations): derivatives, as the formula parts' solvers (one record of variables). */

export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export const sigmoidDerivative = ({ x }: { x: number }): number => sigmoid(x) * (1 - sigmoid(x));

export const tanhDerivative = ({ x }: { x: number }): number => 1 - Math.tanh(x) ** 2;

/** d/dx log(1 + e^x) = e^x / (1 + e^x). */
export const softplusDerivative = ({ x }: { x: number }): number => sigmoid(x);
