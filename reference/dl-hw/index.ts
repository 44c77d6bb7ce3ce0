/** The dl-hw pack's code: the names its specs use for solvers, properties, diagnostics and simulators. */
import { definePack } from 'dlgrade';
import * as clip from './clip-properties.ts';
import * as inception from './inception.ts';
import * as kl from './kl-properties.ts';
import * as rnnMutants from './mutants/rnn.ts';
import * as skipgramMutants from './mutants/skipgram.ts';
import * as vaeMutants from './mutants/vae.ts';
import * as rnn from './rnn.ts';
import * as diag from './rnn-diagnostics.ts';
import * as skipgram from './skipgram.ts';
import { equalityAutomata } from './equality-automata.ts';
import { equalitySimulator } from './equality-simulator.ts';
import { exampleDesigns } from './example-designs.ts';
import * as vae from './vae.ts';

export default definePack({
  solvers: {
    'inception.savingLimitPercent': inception.savingLimitPercent,
    'inception.receptiveField': inception.receptiveField,
    'inception.saving2x2Percent': inception.saving2x2Percent,
    'inception.savingAsymmetricPercent': inception.savingAsymmetricPercent,
    'inception.noSavingN': inception.noSavingN,
    'inception.gridRatioLimit': inception.gridRatioLimit,
    'inception.params5x5': inception.params5x5,
    'inception.paramsTwo3x3': inception.paramsTwo3x3,
    'inception.saving': inception.saving,
    'inception.costRatio': inception.costRatio,
    'inception.gridRatio': inception.gridRatio,

    'vae.klGaussians': vae.klGaussians,
    'vae.klToStdNormal': vae.klToStdNormal,
    'vae.contractivePenalty': vae.contractivePenalty,
    'vae.contractivePenaltyGrad': vae.contractivePenaltyGrad,
    'vae.klToStdNormal.noHalf': vaeMutants.klNoHalf,
    'vae.klToStdNormal.logSigma': vaeMutants.klLogSigma,
    'vae.klToStdNormal.noMinusOne': vaeMutants.klNoMinusOne,
    'vae.klToStdNormal.expAsSigma': vaeMutants.klExpAsSigma,
    'vae.contractivePenalty.derivativeNotSquared': vaeMutants.penaltyDerivativeNotSquared,
    'vae.contractivePenalty.hSquared': vaeMutants.penaltyHSquared,
    'vae.contractivePenalty.normNotSquared': vaeMutants.penaltyNormNotSquared,
    'vae.contractivePenaltyGrad.ignoreSigmoid': vaeMutants.penaltyGradIgnoreSigmoid,

    'rnn.clipByGlobalNorm': rnn.clipByGlobalNorm,
    'rnn.lstmStep': rnn.lstmStep,
    'rnn.equalityTarget': rnn.equalityTarget,
    'rnn.clipByGlobalNorm.elementwise': rnnMutants.clipElementwise,
    'rnn.clipByGlobalNorm.perTensor': rnnMutants.clipPerTensor,
    'rnn.lstmStep.gateOrderIFOG': rnnMutants.lstmGateOrderIFOG,
    'rnn.lstmStep.noOutputTanh': rnnMutants.lstmNoOutputTanh,

    'skipgram.loss': skipgram.loss,
    'skipgram.gradients': skipgram.gradients,
    'skipgram.loss.mInsteadOf2m': skipgramMutants.lossMInsteadOf2m,
    'skipgram.loss.singleContext': skipgramMutants.lossSingleContext,
    'skipgram.loss.uniqueContexts': skipgramMutants.lossUniqueContexts,
    'skipgram.gradients.singleContext': skipgramMutants.gradientsSingleContext,
    'skipgram.gradients.signFlip': skipgramMutants.gradientsSignFlip,
  },
  properties: {
    'vae.kl.nonNegative': kl.klNonNegative,
    'vae.kl.zeroAtPrior': kl.klZeroAtPrior,
    'rnn.clip.normBounded': clip.clipNormBounded,
    'rnn.clip.directionKept': clip.clipDirectionKept,
    'rnn.clip.unchangedBelow': clip.clipUnchangedBelow,
    'rnn.clip.inputNotMutated': clip.clipInputNotMutated,
    'rnn.clip.shapeKept': clip.clipShapeKept,
  },
  diagnostics: {
    'rnn.diag.nonStrictOnly': diag.nonStrictOnly,
    'rnn.diag.orDetector': diag.orDetector,
    'rnn.diag.notExclusive': diag.notExclusive,
    'rnn.diag.noMemory': diag.noMemory,
    'rnn.diag.orRecurrence': diag.orRecurrence,
    'rnn.diag.oneDetector': diag.oneDetector,
    'rnn.diag.mismatchPositiveV': diag.mismatchPositiveV,
  },
  simulators: {
    'rnn.equalityRnn': equalitySimulator,
  },
  fastPaths: {
    'rnn.equalityAutomata': equalityAutomata,
  },
  examples: exampleDesigns,
});
