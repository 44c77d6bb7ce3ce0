import type { MathNode } from 'mathjs';
import { parse } from '../checkers/_math/math-parse.ts';
import { FORMULA_FUNCTIONS } from '../checkers/_internals/formula-parse.ts';

/** Functions the pack's formula syntax allows (natural `log`): the ones grading evaluates. */
export { FORMULA_FUNCTIONS };
/** Named constants that are not variables. */
export const FORMULA_CONSTANTS: readonly string[] = ['e', 'pi'];

const OPERATORS = new Set(['+', '-', '*', '/', '^']);

export type FormulaScan =
  | { ok: true; variables: string[] }
  | { ok: false; problem: 'unparsable'; message: string }
  | { ok: false; problem: 'unknown-function'; name: string };

/**
 * Parses a formula of the pack's syntax (`+ - * / ^`, implicit multiplication, parentheses, the
 * functions of FORMULA_FUNCTIONS) and lists its free variables, sorted. Anything else mathjs would accept
 * (assignments, matrices, units, factorials, ...) is reported as unparsable, because a student's
 * answer in it would be.
 */
export function scanFormula(text: string, declared: readonly string[] = []): FormulaScan {
  let root: MathNode;
  try {
    root = parse(text);
  } catch (e) {
    return { ok: false, problem: 'unparsable', message: (e as Error).message };
  }
  const variables = new Set<string>();
  let failure: FormulaScan | undefined;
  root.traverse((node, path, parent) => {
    if (failure) return;
    const n = node as MathNode & { name?: string; op?: string; value?: unknown; fn?: { name?: string } };
    switch (node.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number') failure = { ok: false, problem: 'unparsable', message: `unsupported constant ${JSON.stringify(n.value)}` };
        return;
      case 'ParenthesisNode':
        return;
      case 'OperatorNode':
        if (!OPERATORS.has(n.op ?? '')) failure = { ok: false, problem: 'unparsable', message: `unsupported operator "${n.op}"` };
        return;
      case 'FunctionNode': {
        const name = n.fn?.name ?? '';
        // `F (k + 1)` of a declared variable F is a product, as grading reads it.
        if (declared.includes(name) && (node as MathNode & { args?: unknown[] }).args?.length === 1) variables.add(name);
        else if (!(FORMULA_FUNCTIONS as readonly string[]).includes(name)) failure = { ok: false, problem: 'unknown-function', name };
        return;
      }
      case 'SymbolNode':
        if (parent?.type === 'FunctionNode' && path === 'fn') return;
        if (!FORMULA_CONSTANTS.includes(n.name ?? '')) variables.add(n.name ?? '');
        return;
      default:
        failure = { ok: false, problem: 'unparsable', message: `unsupported syntax (${node.type})` };
    }
  });
  return failure ?? { ok: true, variables: [...variables].sort() };
}
