/**
 * The library entry of the installed package (`import { definePack } from 'dlgrade'`): what a
 * course's pack module needs to declare its code. The grader itself is the `dlgrade` command.
 */
export { definePack } from './pack/define-pack.ts';
export type {
  DiagnosticFn,
  ExampleDesigns,
  FastPathFn,
  Matrix,
  Pack,
  PackDefinition,
  PropertyFn,
  SequenceAutomaton,
  SimulatorFn,
  SolverFn,
  Vector,
  Weights,
} from './pack/define-pack.ts';
