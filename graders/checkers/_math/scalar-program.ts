/**
 * Scalar formulas compiled to a flat postfix program, evaluated with a loop and an explicit
 * value stack.
 *
 * Why not mathjs's own `compile().evaluate()`: it recurses once per tree level, and a student's
 * 12,000-term sum parses into a tree 12,000 levels deep, which overflows the stack (so do
 * `transform`, `traverse` and `toString`). Every pass here walks the tree with an explicit stack,
 * so depth costs memory, not stack frames; the only recursion left is mathjs's parser, which
 * the nesting limits of typed-formula.ts keep within bounds.
 *
 * Why a second, decimal evaluation: float64 overflows where the mathematics does not
 * (`log(exp(25F + 1))` at F = 512 is exp(12801) = Infinity in float64). A point whose float value
 * is not finite is evaluated again with decimal.js (30 significant digits, exponents to 9e15),
 * within a fixed budget of operations per formula, so the retry is bounded and, being counted
 * in operations rather than time, deterministic.
 *
 * The float path does the same operations in the same order as mathjs's number build did, so
 * values are bit-identical to the evaluator it replaces.
 */
import { Decimal } from 'decimal.js';
import type { MathNode } from 'mathjs';

/** Nodes compiled at most (a 12,000-term sum of `25F` is 36,000 nodes). */
export const MAX_NODES = 200_000;
/**
 * Work one compiled formula may spend on retrying overflowing points in decimal, counted as 1
 * per arithmetic operation and {@link HEAVY} per function or power (an exp of 12801 at 30
 * digits takes about a millisecond): a couple of seconds at most, whatever the formula.
 */
export const DECIMAL_BUDGET = 2_500_000;
const HEAVY = 1000;

const PreciseDecimal = Decimal.clone({ precision: 30, rounding: Decimal.ROUND_HALF_EVEN, maxE: 9e15, minE: -9e15 });
export type PreciseNumber = InstanceType<typeof PreciseDecimal>;

type BinaryCode = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne' | 'and' | 'or' | 'xor';
type UnaryCode = 'neg' | 'not';

export type ScalarOp =
  | { code: 'num'; value: number; /** The literal as written, for exact decimal evaluation. */ text?: string }
  | { code: 'var'; index: number }
  | { code: BinaryCode }
  | { code: UnaryCode }
  | { code: 'call'; fn: ScalarFunction; arity: number }
  /** `a < b <= c`: pops the operands, pushes 1 when every comparison holds. */
  | { code: 'chain'; comparisons: ('lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne')[] };

/** Functions the evaluator knows; which of them a formula may call is the caller's choice. */
export const SCALAR_FUNCTIONS = {
  log: 1, exp: 1, sqrt: 1, abs: 1, cbrt: 1, sin: 1, cos: 1, tan: 1, tanh: 1, sigmoid: 1, softplus: 1,
  relu: 1, log1p: 1, floor: 1, ceil: 1, round: 1, log2: 1, log10: 1, min: 2, max: 2, isint: 1,
} as const;
export type ScalarFunction = keyof typeof SCALAR_FUNCTIONS;

export interface ScalarProgram {
  ops: ScalarOp[];
  /** Variable names, in the order of `var` indices. */
  variables: readonly string[];
  /** Deepest value stack the program needs. */
  stackSize: number;
  /** Nodes in the formula's tree. */
  size: number;
}

export interface CompileOptions {
  variables: readonly string[];
  /** Functions a formula may call here (a subset of {@link SCALAR_FUNCTIONS}). */
  functions: readonly ScalarFunction[];
  constants: readonly string[];
  /** Comparisons and and/or/not are allowed (conditions of sets and constraints). */
  predicate?: boolean;
}

export type CompiledProgram = { ok: true; program: ScalarProgram } | { ok: false; problems: string[]; undeclared: string[] };

const ARITHMETIC: Readonly<Record<string, BinaryCode | UnaryCode | 'plus'>> = {
  add: 'add', subtract: 'sub', multiply: 'mul', divide: 'div', pow: 'pow', unaryMinus: 'neg', unaryPlus: 'plus',
};
const LOGIC: Readonly<Record<string, BinaryCode | UnaryCode>> = {
  smaller: 'lt', smallerEq: 'le', larger: 'gt', largerEq: 'ge', equal: 'eq', unequal: 'ne', and: 'and', or: 'or', xor: 'xor', not: 'not',
};
const COMPARISONS: Readonly<Record<string, 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne'>> = {
  smaller: 'lt', smallerEq: 'le', larger: 'gt', largerEq: 'ge', equal: 'eq', unequal: 'ne',
};

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
  BlockNode: 'several expressions (;)',
};

interface AnyNode {
  type: string;
  value?: unknown;
  name?: string;
  op?: string;
  fn?: unknown;
  args?: AnyNode[];
  params?: AnyNode[];
  conditionals?: string[];
  content?: AnyNode;
  toString(): string;
}

/**
 * Checks a parsed formula against what the caller allows and compiles it. Iterative: a tree of
 * any depth compiles without recursion. Problems are collected, not thrown.
 */
export function compileScalar(root: MathNode, options: CompileOptions): CompiledProgram {
  const index = new Map(options.variables.map((v, i) => [v, i]));
  const allowed = new Set<string>(options.functions);
  const constants = new Set(options.constants.filter((c) => !index.has(c)));
  const problems: string[] = [];
  const undeclared = new Set<string>();
  const ops: ScalarOp[] = [];
  let size = 0;
  let depth = 0;
  let stackSize = 0;
  const emit = (op: ScalarOp, pops: number) => {
    ops.push(op);
    depth += 1 - pops;
    stackSize = Math.max(stackSize, depth);
  };

  // Each entry is a node to expand, or an operation to emit once its operands are emitted.
  const work: ({ node: AnyNode } | { op: ScalarOp; pops: number })[] = [{ node: root as unknown as AnyNode }];
  while (work.length > 0) {
    const item = work.pop()!;
    if ('op' in item) {
      emit(item.op, item.pops);
      continue;
    }
    const node = item.node;
    if (++size > MAX_NODES) {
      return { ok: false, problems: [`the formula has more than ${MAX_NODES} terms and operations; at most ${MAX_NODES} are read`], undeclared: [] };
    }
    const later = (op: ScalarOp, pops: number, children: readonly AnyNode[]) => {
      work.push({ op, pops });
      for (let k = children.length - 1; k >= 0; k--) work.push({ node: children[k]! });
    };
    switch (node.type) {
      case 'ConstantNode': {
        const value = node.value;
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          problems.push(`only finite numbers may appear as constants, found ${shortText(node)}`);
          emit({ code: 'num', value: Number.NaN }, 0);
        } else emit({ code: 'num', value }, 0);
        break;
      }
      case 'SymbolNode': {
        const name = node.name ?? '';
        const at = index.get(name);
        if (at !== undefined) emit({ code: 'var', index: at }, 0);
        else if (constants.has(name)) emit({ code: 'num', value: name === 'pi' ? Math.PI : Math.E, text: name }, 0);
        else {
          if (allowed.has(name)) problems.push(`${name} is a function: write ${name}(...) with its argument in parentheses`);
          else undeclared.add(name);
          emit({ code: 'num', value: Number.NaN }, 0);
        }
        break;
      }
      case 'ParenthesisNode':
        work.push({ node: node.content! });
        break;
      case 'OperatorNode': {
        const fn = String(node.fn);
        const args = node.args ?? [];
        const code = ARITHMETIC[fn] ?? (options.predicate ? LOGIC[fn] : undefined);
        if (code === undefined) {
          problems.push(`the operator ${node.op} is not allowed (use + - * / ^ and parentheses)`);
          for (const a of args) work.push({ node: a });
          break;
        }
        if (code === 'plus') work.push({ node: args[0]! });
        else later({ code } as ScalarOp, args.length, args);
        break;
      }
      case 'RelationalNode': {
        const params = node.params ?? [];
        if (!options.predicate) {
          problems.push(`${NOT_ALLOWED.RelationalNode} is not allowed in a formula`);
          for (const p of params) work.push({ node: p });
          break;
        }
        const comparisons = (node.conditionals ?? []).map((c) => COMPARISONS[c]!);
        later({ code: 'chain', comparisons }, params.length, params);
        break;
      }
      case 'FunctionNode': {
        const callee = node.fn as AnyNode;
        const name = callee.type === 'SymbolNode' ? (callee.name ?? '') : shortText(callee);
        const args = node.args ?? [];
        // mathjs reads `F(F + 1)` as a call of a function F; for a variable it can only mean a product.
        const at = index.get(name);
        if (at !== undefined && args.length === 1) {
          work.push({ op: { code: 'mul' }, pops: 2 });
          work.push({ node: args[0]! });
          work.push({ op: { code: 'var', index: at }, pops: 0 });
          break;
        }
        if (name === 'ln' && !allowed.has('ln' as ScalarFunction)) problems.push('ln is not available: write log for the natural logarithm');
        else if (!allowed.has(name)) problems.push(`the function ${name} is not allowed (allowed: ${options.functions.join(', ')})`);
        else {
          const arity = SCALAR_FUNCTIONS[name as ScalarFunction];
          if (args.length !== arity) problems.push(`${name} takes exactly ${arity === 1 ? 'one argument' : `${arity} arguments`}, found ${args.length}`);
        }
        later({ code: 'call', fn: name as ScalarFunction, arity: args.length }, args.length, args);
        break;
      }
      default:
        problems.push(`${NOT_ALLOWED[node.type] ?? `a ${node.type}`} is not allowed in a formula`);
    }
  }
  if (problems.length > 0 || undeclared.size > 0) return { ok: false, problems: [...new Set(problems)], undeclared: [...undeclared] };
  return { ok: true, program: { ops, variables: options.variables, stackSize, size } };
}

/** The float value of the program at `values` (indexed like `program.variables`). */
// Opcodes of the float loop: a switch over small integers on typed arrays, several times faster
// than over the op objects' string codes.
const NUM = 0, VAR = 1, ADD = 2, SUB = 3, MUL = 4, DIV = 5, NEG = 6, OTHER = 7;
interface FloatPlan {
  codes: Int32Array;
  args: Float64Array;
}
const plans = new WeakMap<ScalarProgram, FloatPlan>();

function floatPlan(program: ScalarProgram): FloatPlan {
  let plan = plans.get(program);
  if (plan) return plan;
  const codes = new Int32Array(program.ops.length);
  const args = new Float64Array(program.ops.length);
  program.ops.forEach((op, k) => {
    switch (op.code) {
      case 'num':
        codes[k] = NUM;
        args[k] = op.value;
        break;
      case 'var':
        codes[k] = VAR;
        args[k] = op.index;
        break;
      case 'add':
        codes[k] = ADD;
        break;
      case 'sub':
        codes[k] = SUB;
        break;
      case 'mul':
        codes[k] = MUL;
        break;
      case 'div':
        codes[k] = DIV;
        break;
      case 'neg':
        codes[k] = NEG;
        break;
      default:
        codes[k] = OTHER;
    }
  });
  plan = { codes, args };
  plans.set(program, plan);
  return plan;
}

/**
 * The float value of the program at `values` (indexed like `program.variables`).
 * `equality` > 0 makes comparisons tolerant: values within equality·max(1, |a|, |b|) compare as
 * equal (so `x^2 <= 2` holds at the float nearest √2, and `x^2 < 2` does not).
 */
export function runFloat(program: ScalarProgram, values: ArrayLike<number>, stack = new Float64Array(Math.max(1, program.stackSize)), equality = 0): number {
  const { codes, args } = floatPlan(program);
  const ops = program.ops;
  let top = -1;
  for (let k = 0; k < codes.length; k++) {
    switch (codes[k]) {
      case NUM:
        stack[++top] = args[k]!;
        break;
      case VAR:
        stack[++top] = values[args[k]!]!;
        break;
      case ADD:
        top--;
        stack[top] = stack[top]! + stack[top + 1]!;
        break;
      case SUB:
        top--;
        stack[top] = stack[top]! - stack[top + 1]!;
        break;
      case MUL:
        top--;
        stack[top] = stack[top]! * stack[top + 1]!;
        break;
      case DIV:
        top--;
        stack[top] = stack[top]! / stack[top + 1]!;
        break;
      case NEG:
        stack[top] = -stack[top]!;
        break;
      default:
        top = slowStep(ops[k]!, stack, top, equality);
    }
  }
  return stack[0]!;
}

/** Every other operation; returns the new top of the stack. */
function slowStep(op: ScalarOp, stack: Float64Array, top: number, equality: number): number {
  switch (op.code) {
    case 'not':
      stack[top] = stack[top] ? 0 : 1;
      return top;
    case 'call': {
      const n = op.arity;
      top -= n - 1;
      stack[top] = callFloat(op.fn, stack[top]!, n > 1 ? stack[top + 1]! : Number.NaN);
      return top;
    }
    case 'chain': {
      const n = op.comparisons.length + 1;
      top -= n - 1;
      let ok = 1;
      for (let k = 0; k < n - 1; k++) if (!compareFloat(op.comparisons[k]!, stack[top + k]!, stack[top + k + 1]!, equality)) ok = 0;
      stack[top] = ok;
      return top;
    }
    case 'num':
    case 'var':
    case 'neg':
      throw new Error(`${op.code} is handled by the fast loop`);
    default: {
      const b = stack[top--]!;
      const a = stack[top]!;
      stack[top] = binaryFloat(op.code, a, b, equality);
      return top;
    }
  }
}

function binaryFloat(code: BinaryCode, a: number, b: number, equality: number): number {
  switch (code) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
    case 'pow':
      // mathjs's number pow: the limits of x^±Infinity it defines, Math.pow otherwise.
      if ((a * a < 1 && b === Infinity) || (a * a > 1 && b === -Infinity)) return 0;
      return Math.pow(a, b);
    case 'and':
      return a && b ? 1 : 0;
    case 'or':
      return a || b ? 1 : 0;
    case 'xor':
      return !a !== !b ? 1 : 0;
    default:
      return compareFloat(code, a, b, equality) ? 1 : 0;
  }
}

/** Comparisons of floats are exact unless the caller asks for a tolerance of equality. */
function compareFloat(code: 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne', a: number, b: number, equality: number): boolean {
  if (equality > 0 && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= equality * Math.max(1, Math.abs(a), Math.abs(b))) {
    return code === 'le' || code === 'ge' || code === 'eq';
  }
  switch (code) {
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
  }
}

function callFloat(fn: ScalarFunction, x: number, y: number): number {
  switch (fn) {
    case 'log':
      return Math.log(x);
    case 'exp':
      return Math.exp(x);
    case 'sqrt':
      return Math.sqrt(x);
    case 'abs':
      return Math.abs(x);
    case 'cbrt':
      return Math.cbrt(x);
    case 'sin':
      return Math.sin(x);
    case 'cos':
      return Math.cos(x);
    case 'tan':
      return Math.tan(x);
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    case 'softplus':
      return x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    case 'relu':
      return x > 0 ? x : Number.isNaN(x) ? x : 0;
    case 'log1p':
      return Math.log1p(x);
    case 'floor':
      return Math.floor(x);
    case 'ceil':
      return Math.ceil(x);
    case 'round':
      return Math.round(x);
    case 'log2':
      return Math.log2(x);
    case 'log10':
      return Math.log10(x);
    case 'min':
      return Math.min(x, y);
    case 'max':
      return Math.max(x, y);
    case 'isint':
      return Number.isInteger(x) ? 1 : 0;
  }
}

/** 2^k exactly (to 30 digits), for evaluating at sizes float64 cannot hold. */
export function powerOfTwo(k: number): PreciseNumber {
  return new PreciseDecimal(2).pow(k);
}

/** The program evaluated with 30 significant digits: no overflow below 10^(9e15). */
export function runDecimal(program: ScalarProgram, values: ArrayLike<number | PreciseNumber>): PreciseNumber {
  const D = PreciseDecimal;
  const stack: PreciseNumber[] = [];
  for (const op of program.ops) {
    switch (op.code) {
      case 'num':
        stack.push(op.text === 'pi' ? D.acos(-1) : op.text === 'e' ? D.exp(1) : new D(op.value));
        break;
      case 'var':
        stack.push(new D(values[op.index]!));
        break;
      case 'neg':
        stack.push(stack.pop()!.neg());
        break;
      case 'not':
        stack.push(new D(stack.pop()!.isZero() ? 1 : 0));
        break;
      case 'call': {
        const args = stack.splice(stack.length - op.arity, op.arity);
        stack.push(callDecimal(op.fn, args[0]!, args[1]));
        break;
      }
      case 'chain': {
        const args = stack.splice(stack.length - op.comparisons.length - 1);
        let ok = true;
        for (let k = 0; k < op.comparisons.length; k++) ok &&= compareDecimal(op.comparisons[k]!, args[k]!, args[k + 1]!);
        stack.push(new D(ok ? 1 : 0));
        break;
      }
      default: {
        const b = stack.pop()!;
        const a = stack.pop()!;
        stack.push(binaryDecimal(op.code, a, b));
      }
    }
  }
  return stack[0] ?? new D(Number.NaN);
}

function binaryDecimal(code: BinaryCode, a: PreciseNumber, b: PreciseNumber): PreciseNumber {
  const D = PreciseDecimal;
  switch (code) {
    case 'add':
      return a.plus(b);
    case 'sub':
      return a.minus(b);
    case 'mul':
      return a.times(b);
    case 'div':
      return a.div(b);
    case 'pow':
      return powDecimal(a, b);
    case 'and':
      return new D(!a.isZero() && !b.isZero() ? 1 : 0);
    case 'or':
      return new D(!a.isZero() || !b.isZero() ? 1 : 0);
    case 'xor':
      return new D(a.isZero() !== b.isZero() ? 1 : 0);
    default:
      return new D(compareDecimal(code, a, b) ? 1 : 0);
  }
}

function powDecimal(a: PreciseNumber, b: PreciseNumber): PreciseNumber {
  const D = PreciseDecimal;
  if (a.isNaN() || b.isNaN()) return new D(Number.NaN);
  if (a.isNegative() && !a.isZero() && !b.isInteger()) return new D(Number.NaN);
  // decimal.js computes huge integer powers by repeated squaring at full precision; beyond
  // what any exponent range holds the answer is 0 or Infinity anyway, so go through exp(b·ln a).
  if (a.isZero() || a.abs().eq(1) || !b.isFinite()) return a.pow(b);
  const magnitude = b.times(a.abs().ln());
  if (magnitude.gt(2.1e16)) return a.isNegative() && b.mod(2).eq(1) ? new D(-Infinity) : new D(Infinity);
  if (magnitude.lt(-2.1e16)) return new D(0);
  return a.pow(b);
}

function compareDecimal(code: 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne', a: PreciseNumber, b: PreciseNumber): boolean {
  switch (code) {
    case 'lt':
      return a.lt(b);
    case 'le':
      return a.lte(b);
    case 'gt':
      return a.gt(b);
    case 'ge':
      return a.gte(b);
    case 'eq':
      return a.eq(b);
    case 'ne':
      return !a.eq(b);
  }
}

function callDecimal(fn: ScalarFunction, x: PreciseNumber, y: PreciseNumber | undefined): PreciseNumber {
  const D = PreciseDecimal;
  switch (fn) {
    case 'log':
      return x.isNegative() ? new D(Number.NaN) : x.ln();
    case 'exp':
      return x.gt(2e16) ? new D(Infinity) : x.lt(-2e16) ? new D(0) : x.exp();
    case 'sqrt':
      return x.isNegative() && !x.isZero() ? new D(Number.NaN) : x.sqrt();
    case 'abs':
      return x.abs();
    case 'cbrt':
      return x.cbrt();
    case 'sin':
      return x.sin();
    case 'cos':
      return x.cos();
    case 'tan':
      return x.tan();
    case 'tanh':
      return x.tanh();
    case 'sigmoid':
      return new D(1).div(new D(1).plus(callDecimal('exp', x.neg(), undefined)));
    case 'softplus':
      return x.gt(100) ? x.plus(callDecimal('exp', x.neg(), undefined).plus(1).ln()) : callDecimal('exp', x, undefined).plus(1).ln();
    case 'relu':
      return x.isNaN() || x.gt(0) ? x : new D(0);
    case 'log1p':
      return x.lt(-1) ? new D(Number.NaN) : x.plus(1).ln();
    case 'floor':
      return x.floor();
    case 'ceil':
      return x.ceil();
    case 'round':
      return x.plus(0.5).floor();
    case 'log2':
      return x.isNegative() ? new D(Number.NaN) : x.log(2);
    case 'log10':
      return x.isNegative() ? new D(Number.NaN) : x.log(10);
    case 'min':
      return y === undefined || y.isNaN() || x.isNaN() ? new D(Number.NaN) : D.min(x, y);
    case 'max':
      return y === undefined || y.isNaN() || x.isNaN() ? new D(Number.NaN) : D.max(x, y);
    case 'isint':
      return new D(x.isInteger() ? 1 : 0);
  }
}

/**
 * A point evaluator: float64 first, decimal where float64 is not finite, while the budget lasts.
 * Never throws.
 */
export function scalarEvaluator(program: ScalarProgram, budget = DECIMAL_BUDGET, equality = 0): (point: Readonly<Record<string, number>>) => number {
  const values = new Float64Array(program.variables.length);
  const stack = new Float64Array(Math.max(1, program.stackSize));
  let left = budget;
  const cost = retryCost(program);
  return (point) => {
    for (let k = 0; k < program.variables.length; k++) values[k] = point[program.variables[k]!] ?? Number.NaN;
    const value = runFloat(program, values, stack, equality);
    if (Number.isFinite(value) || left < cost) return value;
    left -= cost;
    try {
      return runDecimal(program, values).toNumber();
    } catch {
      return value;
    }
  };
}

/** What one decimal retry of the program costs against {@link DECIMAL_BUDGET}. */
export function retryCost(program: ScalarProgram): number {
  return program.ops.reduce((c, op) => c + (op.code === 'call' || op.code === 'pow' ? HEAVY : 1), 0);
}

/** A short rendering of a node for a message (never the whole of a huge tree). */
function shortText(node: AnyNode): string {
  if (node.type === 'ConstantNode') return typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
  if (node.type === 'SymbolNode') return node.name ?? '?';
  return node.type;
}
