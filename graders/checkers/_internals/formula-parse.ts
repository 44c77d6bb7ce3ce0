import type { FactoryFunctionMap, MathNode } from 'mathjs';
import { all, create } from 'mathjs/number';

// The number-only build loads several times faster than the full one, and every value in it is
// a plain float64: sqrt, log and ^ of negative numbers give NaN, never complex numbers.
const math = create(all as FactoryFunctionMap, { predictable: true });

// The activations a deep-learning course writes, in forms that stay finite for large |x|.
math.import(
  {
    sigmoid: (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
    softplus: (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
    relu: (x: number) => (x > 0 ? x : 0),
  },
  { override: false },
);

/** Functions a formula may call (log is the natural logarithm). */
export const FORMULA_FUNCTIONS: readonly string[] = ['log', 'exp', 'sqrt', 'abs', 'sigmoid', 'tanh', 'softplus', 'relu', 'log1p'];
/** Named constants a formula may use, unless a variable has the same name. */
export const FORMULA_CONSTANTS: readonly string[] = ['pi', 'e'];

const OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);

const NOT_ALLOWED: Readonly<Record<string, string>> = {
  AssignmentNode: 'an assignment (=)',
  FunctionAssignmentNode: 'a function definition',
  ArrayNode: 'a matrix or list ([...])',
  AccessorNode: 'indexing or a property access',
  IndexNode: 'indexing',
  ConditionalNode: 'a conditional (? :)',
  RelationalNode: 'a comparison',
  ObjectNode: 'an object ({...})',
  RangeNode: 'a range (:)',
  BlockNode: 'several expressions (; or a line break)',
};

/** A formula ready to evaluate, or why it is not a formula of the part. */
export type CompiledFormula =
  | { ok: true; evaluate: (point: Readonly<Record<string, number>>) => number }
  | { ok: false; problem: string };

/**
 * Parses a formula in the pack's syntax (`+ - * / ^`, parentheses, implicit multiplication, and
 * the functions of FORMULA_FUNCTIONS) over the named variables, and compiles it once. Anything else mathjs
 * would accept (units, matrices, strings, assignments, other functions) is rejected.
 */
export function compileFormula(text: string, variables: readonly string[]): CompiledFormula {
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (error) {
    return { ok: false, problem: `could not read the formula ${JSON.stringify(text)}: ${(error as Error).message}` };
  }
  const declared = new Set(variables);
  // mathjs reads `F(F + 1)` as a call of a function F; for a variable it can only mean a product.
  node = node.transform((n) => {
    if (isFunctionNode(n) && isSymbolNode(n.fn) && declared.has(n.fn.name) && n.args.length === 1 && n.args[0]) {
      return new math.OperatorNode('*', 'multiply', [new math.SymbolNode(n.fn.name), n.args[0]], true);
    }
    return n;
  });

  const problems: string[] = [];
  const undeclared = new Set<string>();
  visit(node, declared, problems, undeclared);
  if (undeclared.size > 0) {
    const names = [...undeclared];
    const declaredText = variables.length > 0 ? variables.join(', ') : 'none';
    problems.unshift(
      `the formula uses ${names.join(', ')}, which ${names.length === 1 ? 'is not a variable' : 'are not variables'} of this part (declared: ${declaredText})`,
    );
  }
  if (problems.length > 0) return { ok: false, problem: [...new Set(problems)].join('; ') };

  const compiled = node.compile();
  return {
    ok: true,
    evaluate(point) {
      try {
        const value: unknown = compiled.evaluate({ ...point });
        return typeof value === 'number' ? value : Number.NaN;
      } catch {
        return Number.NaN;
      }
    },
  };
}

function visit(node: MathNode, declared: ReadonlySet<string>, problems: string[], undeclared: Set<string>): void {
  if (isConstantNode(node)) {
    const value: unknown = node.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`only finite numbers may appear as constants, found ${node.toString()}`);
    return;
  }
  if (isSymbolNode(node)) {
    if (!declared.has(node.name) && !FORMULA_CONSTANTS.includes(node.name)) undeclared.add(node.name);
    return;
  }
  if (isParenthesisNode(node)) {
    visit(node.content, declared, problems, undeclared);
    return;
  }
  if (isOperatorNode(node)) {
    if (!OPERATORS.has(node.fn)) problems.push(`the operator ${node.op} is not allowed (use + - * / ^ and parentheses)`);
    for (const arg of node.args) visit(arg, declared, problems, undeclared);
    return;
  }
  if (isFunctionNode(node)) {
    const name = isSymbolNode(node.fn) ? node.fn.name : node.fn.toString();
    if (name === 'ln') problems.push('ln is not available: write log for the natural logarithm');
    else if (!FORMULA_FUNCTIONS.includes(name)) problems.push(`the function ${name} is not allowed (allowed: ${FORMULA_FUNCTIONS.join(', ')})`);
    else if (node.args.length !== 1) problems.push(`${name} takes exactly one argument, found ${node.args.length}`);
    for (const arg of node.args) visit(arg, declared, problems, undeclared);
    return;
  }
  problems.push(`${NOT_ALLOWED[node.type] ?? `a ${node.type}`} is not allowed in a formula`);
}

// mathjs's node types are classes; these narrow by the `type` tag every node carries.
function isConstantNode(n: MathNode): n is MathNode & { type: 'ConstantNode'; value: unknown } {
  return n.type === 'ConstantNode';
}
function isSymbolNode(n: MathNode): n is MathNode & { type: 'SymbolNode'; name: string } {
  return n.type === 'SymbolNode';
}
function isParenthesisNode(n: MathNode): n is MathNode & { type: 'ParenthesisNode'; content: MathNode } {
  return n.type === 'ParenthesisNode';
}
function isOperatorNode(n: MathNode): n is MathNode & { type: 'OperatorNode'; fn: string; op: string; args: MathNode[] } {
  return n.type === 'OperatorNode';
}
function isFunctionNode(n: MathNode): n is MathNode & { type: 'FunctionNode'; fn: MathNode; args: MathNode[] } {
  return n.type === 'FunctionNode';
}
