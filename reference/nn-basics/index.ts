/** The nn-basics pack's code: the names its specs use. */
import { definePack } from 'dlgrade';
import * as activations from './activations.ts';
import * as bn from './batch-norm.ts';
import * as conv from './conv.ts';
import * as la from './linear-algebra.ts';
import * as lg from './limits-growth.ts';
import * as softmax from './softmax.ts';
import * as xor from './xor.ts';

export default definePack({
  solvers: {
    // The worked example the authoring guide's number part shows; q1 draws each student's own layer.
    'conv.outputWidth': conv.outputWidthExample,
    'conv.ownOutputWidth': conv.ownOutputWidth,
    'conv.ownOutputWidth.noPadding': conv.ownOutputWidthNoPadding,
    'conv.ownOutputWidth.noFloor': conv.ownOutputWidthNoFloor,
    'conv.validOutputWidth': conv.validOutputWidth,
    'conv.ownParamCount': conv.ownParamCount,
    'act.sigmoidDerivative': activations.sigmoidDerivative,
    'act.tanhDerivative': activations.tanhDerivative,
    'act.softplusDerivative': activations.softplusDerivative,
    'softmax.crossEntropy': softmax.softmaxCrossEntropy,
    'softmax.crossEntropy.noNormaliser': softmax.lossWithoutNormaliser,
    'softmax.gradient': softmax.softmaxCrossEntropyGradient,
    'softmax.gradient.signFlipped': softmax.gradientSignFlipped,
    'bn.forward': bn.batchNormForward,
    'bn.forward.unbiased': bn.batchNormForwardUnbiased,
    'bn.loss': bn.batchNormLoss,
    'bn.backward': bn.batchNormBackward,
    'bn.backward.constantStats': bn.batchNormBackwardConstantStats,
    'xor.target': xor.xor,
    'la.leastSquaresGradX': la.leastSquaresGradX,
    'la.leastSquaresGradW': la.leastSquaresGradW,
    'la.weightDecayGrad': la.weightDecayGrad,
    'la.crossEntropyGradZ': la.crossEntropyGradZ,
    'la.softmaxJacobian': la.softmaxJacobian,
    'la.crossCorrelationExample': la.crossCorrelationExample,
    'la.softmaxExample': la.softmaxExample,
    'lim.softplusSlope': lg.softplusSlope,
    'lim.momentumWeight': lg.momentumWeight,
    'growth.attentionCost': lg.attentionCost,
    'growth.treeReductionRounds': lg.treeReductionRounds,
    'set.convergentRate': lg.convergentRate,
    'set.exactStride': lg.exactStride,
    'rel.gaussianNll': lg.gaussianNll,
    'rel.squaredErrorGrad': lg.squaredErrorGrad,
  },
  simulators: { 'xor.network': xor.xorNetwork },
  diagnostics: {
    'xor.diag.computesOr': xor.computesOr,
    'xor.diag.ignoresAnInput': xor.ignoresAnInput,
  },
  examples: {
    correct: { 'xor.network': { W: [[1, 1], [1, 1]], b: [-0.5, -1.5], v: [1, -1], c: -0.5 } },
    mistaken: {
      'xor.diag.computesOr': { W: [[1, 1], [1, 1]], b: [-0.5, -1.5], v: [1, 0], c: -0.5 },
      'xor.diag.ignoresAnInput': { W: [[1, 0], [0, 1]], b: [-0.5, -0.5], v: [1, 0], c: -0.5 },
    },
  },
});
