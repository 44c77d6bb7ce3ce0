/**
 * Matrix and vector formulas over declared shapes: `W: { shape: [N, V] }`, `x: { shape: [D] }`,
 * with symbolic dimensions drawn from ranges.
 *
 * Why shapes are inferred symbolically, before any number is drawn: a student who writes `W x`
 * where `Wᵀ x` is meant has a shape error, not a wrong value, and deserves to hear it as one
 * ("a [N, V] matrix times a [N] vector"), with both shapes; an evaluation at random sizes would
 * either crash or, when the sizes happen to agree, compare numbers of the wrong expression. So
 * the compile pass assigns every subexpression a shape in the dimension names, refuses what does
 * not fit, and only then emits the evaluation steps; the evaluator never meets a mismatch.
 *
 * Conventions are the ones DL notes write: a vector is a column, `xᵀy` is a scalar, `x xᵀ` a
 * matrix, `*` and juxtaposition are matrix products (a scalar scales), `⊙`/`.*` is entrywise,
 * `^T`, `ᵀ` and `'` transpose (unless a matrix named `W'` is declared: then `W'` is that
 * matrix). `‖A‖` of a matrix is refused as ambiguous (Frobenius or spectral?): write `‖A‖_F` or
 * `‖A‖_2`. Like the scalar compiler, the pass is iterative.
 */
import type { MathNode } from 'mathjs';
import { parse } from './math-parse.ts';
import { primeName, readTypedFormula } from './typed-formula.ts';
import * as T from './tensor-ops.ts';
import type { Tensor } from './tensor-ops.ts';

/** A dimension: a declared name (N) or a fixed size (3). */
export type Dim = string | number;

/** Rows and columns: a scalar is [1, 1], a vector [n, 1]. */
export type Shape = readonly [Dim, Dim];

export interface TensorVariable {
  /** [] for a scalar, [D] for a (column) vector, [N, V] for a matrix. */
  shape: readonly Dim[];
  /** Range of the entries drawn for a comparison (default [-2, 2]). */
  min?: number;
  max?: number;
}

export interface TensorDomain {
  variables: Readonly<Record<string, TensorVariable>>;
  /** Ranges of the symbolic dimensions; their names may also be used as numbers in a formula. */
  dims: Readonly<Record<string, { min: number; max: number }>>;
}

export interface TensorEnv {
  dims: Readonly<Record<string, number>>;
  values: Readonly<Record<string, Tensor>>;
}

export type CompiledTensorFormula =
  | { ok: true; shape: Shape; evaluate: (env: TensorEnv) => Tensor; reading?: string }
  | { ok: false; problem: string; /** Set when the formula reads but its shapes do not fit. */ shapeError?: boolean };

export const TENSOR_FUNCTIONS: readonly string[] = [
  ...Object.keys(T.ELEMENTWISE),
  'sum', 'mean', 'max', 'min', 'trace', 'tr', 'diag', 'outer', 'dot', 'norm', 'softmax', 'log_softmax', 'logsumexp', 'transpose',
];

const NOT_ALLOWED: Readonly<Record<string, string>> = {
  AssignmentNode: 'an assignment (=)',
  FunctionAssignmentNode: 'a function definition',
  ArrayNode: 'a matrix literal ([...])',
  AccessorNode: 'indexing',
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
  content?: AnyNode;
  toString(): string;
}

type Step = (stack: Tensor[], env: TensorEnv) => void;

/** "a scalar", "a [D] vector", "a [1, D] row vector", "a [N, V] matrix". */
export function shapeText(shape: Shape): string {
  const [r, c] = shape;
  if (r === 1 && c === 1) return 'a scalar';
  if (c === 1) return `a [${r}] vector`;
  if (r === 1) return `a [1, ${c}] row vector`;
  return `a [${r}, ${c}] matrix`;
}

export function declaredShape(v: TensorVariable): Shape {
  const s = v.shape;
  if (s.length === 0) return [1, 1];
  if (s.length === 1) return [s[0]!, 1];
  return [s[0]!, s[1]!];
}

/** Parses and shape-checks a matrix formula once; the result evaluates at any admissible sizes. */
export function compileTensorFormula(text: string, domain: TensorDomain): CompiledTensorFormula {
  const variables = Object.keys(domain.variables);
  const dims = Object.keys(domain.dims);
  // The parser's names: W' is W_prime.
  const parserName = new Map(variables.map((v) => [v.endsWith("'") ? primeName(v.slice(0, -1)) : v, v]));
  const typed = readTypedFormula(text, {
    names: [...variables, ...dims],
    functions: TENSOR_FUNCTIONS,
    constants: ['pi', 'e'],
    aliases: { ln: 'log', sigma: 'sigmoid', Sigma: 'sum', tr: 'trace' },
    tensor: true,
  });
  if (!typed.ok) return { ok: false, problem: typed.problem };
  if (typed.text === '') return { ok: false, problem: 'the formula is empty' };
  let root: MathNode;
  try {
    root = parse(typed.text);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, problem: 'the formula is nested too deeply to read' };
    return { ok: false, problem: `could not read the formula${typed.changed ? ` (read as ${JSON.stringify(typed.text)})` : ''}: ${(error as Error).message}` };
  }

  const steps: Step[] = [];
  const shapes: Shape[] = [];
  const undeclared = new Set<string>();
  const problems: string[] = [];
  let shapeError = false;
  const mismatch = (message: string) => {
    shapeError = true;
    problems.push(message);
  };

  type Work = { node: AnyNode } | { finish: (node: AnyNode) => void; node: AnyNode };
  const work: Work[] = [{ node: root as unknown as AnyNode }];
  const push = (shape: Shape, step: Step) => {
    shapes.push(shape);
    steps.push(step);
  };
  const operands = (n: number): Shape[] => shapes.splice(shapes.length - n, n);
  let size = 0;

  while (work.length > 0 && problems.length === 0) {
    const item = work.pop()!;
    if ('finish' in item) {
      item.finish(item.node);
      continue;
    }
    const node = item.node;
    if (++size > 50_000) return { ok: false, problem: 'the formula has more than 50000 terms and operations' };
    const later = (children: readonly AnyNode[], finish: (node: AnyNode) => void) => {
      work.push({ finish, node });
      for (let k = children.length - 1; k >= 0; k--) work.push({ node: children[k]! });
    };
    switch (node.type) {
      case 'ConstantNode': {
        const value = node.value;
        if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`only finite numbers may appear as constants, found ${String(value)}`);
        else push([1, 1], (s) => s.push(T.scalar(value)));
        break;
      }
      case 'SymbolNode': {
        const name = node.name ?? '';
        const variable = parserName.get(name);
        if (variable !== undefined) {
          const shape = declaredShape(domain.variables[variable]!);
          push(shape, (s, env) => s.push(env.values[variable]!));
        } else if (dims.includes(name)) push([1, 1], (s, env) => s.push(T.scalar(env.dims[name]!)));
        else if (name === 'pi' || name === 'e') push([1, 1], (s) => s.push(T.scalar(name === 'pi' ? Math.PI : Math.E)));
        else if (TENSOR_FUNCTIONS.includes(name)) problems.push(`${name} is a function: write ${name}(...) with its argument in parentheses`);
        else {
          // Keep the shapes aligned so that every undeclared name is found and named.
          undeclared.add(name);
          push([1, 1], (st) => st.push(T.scalar(Number.NaN)));
        }
        break;
      }
      case 'ParenthesisNode':
        work.push({ node: node.content! });
        break;
      case 'OperatorNode':
        operator(node, later, push, operands, mismatch, problems);
        break;
      case 'FunctionNode':
        call(node, parserName, later, push, operands, mismatch, problems);
        break;
      default:
        problems.push(`${NOT_ALLOWED[node.type] ?? `a ${node.type}`} is not allowed in a formula`);
    }
  }
  if (undeclared.size > 0) {
    const names = [...undeclared].map((n) => parserName.get(n) ?? n);
    problems.unshift(`the formula uses ${names.join(', ')}, which ${names.length === 1 ? 'is not a variable' : 'are not variables'} of this part (declared: ${[...variables, ...dims].join(', ') || 'none'})`);
  }
  if (problems.length > 0) return shapeError ? { ok: false, problem: problems[0]!, shapeError: true } : { ok: false, problem: problems.join('; ') };
  const shape = shapes[0]!;
  const result: CompiledTensorFormula = {
    ok: true,
    shape,
    evaluate(env) {
      const stack: Tensor[] = [];
      for (const step of steps) step(stack, env);
      return stack[0]!;
    },
  };
  if (typed.changed) result.reading = typed.text.replace(/(\w+)_prime\b/g, "$1'");
  return result;
}

function sameDim(a: Dim, b: Dim): boolean {
  return a === b;
}

function sameShape(a: Shape, b: Shape): boolean {
  return sameDim(a[0], b[0]) && sameDim(a[1], b[1]);
}

function isScalar(s: Shape): boolean {
  return s[0] === 1 && s[1] === 1;
}

function isVector(s: Shape): boolean {
  return s[1] === 1 || s[0] === 1;
}

/** A subexpression for a message: the text when it is short, "(…)" when it is not. */
function snippet(node: AnyNode): string {
  let count = 0;
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (++count > 40) return '(…)';
    if (n.content) stack.push(n.content);
    for (const a of n.args ?? []) stack.push(a);
  }
  return node.toString().replace(/(\w+)_prime\b/g, "$1'");
}

type Later = (children: readonly AnyNode[], finish: (node: AnyNode) => void) => void;
type Push = (shape: Shape, step: Step) => void;
type Operands = (n: number) => Shape[];

function operator(node: AnyNode, later: Later, push: Push, operands: Operands, mismatch: (m: string) => void, problems: string[]): void {
  const fn = String(node.fn);
  const args = node.args ?? [];
  const entrywise = (f: (x: number, y: number) => number, what: string) =>
    later(args, () => {
      const [a, b] = operands(2) as [Shape, Shape];
      if (!isScalar(a) && !isScalar(b) && !sameShape(a, b)) {
        mismatch(`${snippet(node)} ${what} ${shapeText(a)} and ${shapeText(b)}: the shapes must be the same (or one a scalar)`);
        return;
      }
      push(isScalar(a) ? b : a, (s) => {
        const y = s.pop()!;
        const x = s.pop()!;
        s.push(T.zip(x, y, f));
      });
    });
  switch (fn) {
    case 'add':
      return entrywise((x, y) => x + y, 'adds');
    case 'subtract':
      return entrywise((x, y) => x - y, 'subtracts');
    case 'dotMultiply':
      return entrywise((x, y) => x * y, 'multiplies entrywise');
    case 'dotDivide':
      return entrywise((x, y) => x / y, 'divides entrywise');
    case 'dotPow':
      return entrywise((x, y) => Math.pow(x, y), 'raises entrywise');
    case 'unaryMinus':
      return later(args, () => {
        const [a] = operands(1) as [Shape];
        push(a, (s) => s.push(T.map(s.pop()!, (x) => -x)));
      });
    case 'unaryPlus':
      return later(args, () => undefined);
    case 'ctranspose':
    case 'transpose':
      return later(args, () => {
        const [a] = operands(1) as [Shape];
        push([a[1], a[0]], (s) => s.push(T.transpose(s.pop()!)));
      });
    case 'multiply':
      return later(args, () => {
        const [a, b] = operands(2) as [Shape, Shape];
        if (isScalar(a) || isScalar(b)) {
          push(isScalar(a) ? b : a, (s) => {
            const y = s.pop()!;
            const x = s.pop()!;
            s.push(T.zip(x, y, (p, q) => p * q));
          });
          return;
        }
        if (!sameDim(a[1], b[0])) {
          mismatch(`${snippet(node)} multiplies ${shapeText(a)} by ${shapeText(b)}: the inner sizes ${a[1]} and ${b[0]} differ`);
          return;
        }
        push([a[0], b[1]], (s) => {
          const y = s.pop()!;
          const x = s.pop()!;
          s.push(T.matmul(x, y));
        });
      });
    case 'divide':
      return later(args, () => {
        const [a, b] = operands(2) as [Shape, Shape];
        if (!isScalar(b)) {
          mismatch(`${snippet(node)} divides by ${shapeText(b)}: only division by a scalar is defined (use ./ to divide entrywise)`);
          return;
        }
        push(a, (s) => {
          const y = s.pop()!;
          const x = s.pop()!;
          s.push(T.zip(x, y, (p, q) => p / q));
        });
      });
    case 'pow': {
      const exponent = args[1]!;
      // `W^T (W x - t)` parses as W^(T(W x - t)), a call of T: it is Wᵀ times the parenthesis.
      const callee = exponent.type === 'FunctionNode' ? (exponent.fn as AnyNode) : undefined;
      if (callee?.type === 'SymbolNode' && callee.name === 'T' && exponent.args?.length === 1) {
        const base = args[0]!;
        const transposed = { type: 'OperatorNode', fn: 'transpose', op: "'", args: [base], toString: () => `${base.toString()}^T` } as AnyNode;
        const product = { type: 'OperatorNode', fn: 'multiply', op: '*', args: [transposed, exponent.args[0]!], toString: () => node.toString() } as AnyNode;
        return operator(product, later, push, operands, mismatch, problems);
      }
      if (exponent.type === 'SymbolNode' && exponent.name === 'T') {
        return later([args[0]!], () => {
          const [a] = operands(1) as [Shape];
          push([a[1], a[0]], (s) => s.push(T.transpose(s.pop()!)));
        });
      }
      const literal = exponent.type === 'ConstantNode' && typeof exponent.value === 'number' ? exponent.value : undefined;
      return later(args, () => {
        const [a, b] = operands(2) as [Shape, Shape];
        if (!isScalar(b)) {
          mismatch(`${snippet(node)} raises to ${shapeText(b)}: an exponent is a scalar (use .^ entrywise)`);
          return;
        }
        if (isScalar(a)) {
          push(a, (s) => {
            const y = s.pop()!;
            const x = s.pop()!;
            s.push(T.scalar(Math.pow(x.data[0]!, y.data[0]!)));
          });
          return;
        }
        if (sameDim(a[0], a[1]) && literal !== undefined && Number.isInteger(literal) && literal >= 1 && literal <= 16) {
          push(a, (s) => {
            s.pop();
            const m = s.pop()!;
            let p = m;
            for (let k = 1; k < literal; k++) p = T.matmul(p, m);
            s.push(p);
          });
          return;
        }
        mismatch(`${snippet(node)} raises ${shapeText(a)} to a power: only a square matrix to a whole power 1 to 16 is defined (use .^ entrywise, or ^T to transpose)`);
      });
    }
    default:
      problems.push(`the operator ${node.op} is not allowed in a matrix formula`);
  }
}

function call(
  node: AnyNode,
  parserName: ReadonlyMap<string, string>,
  later: Later,
  push: Push,
  operands: Operands,
  mismatch: (m: string) => void,
  problems: string[],
): void {
  const callee = node.fn as AnyNode;
  const name = callee.type === 'SymbolNode' ? (callee.name ?? '') : '';
  const args = node.args ?? [];
  const variable = parserName.get(name);
  // W(x + b) is a product, as in the scalar formulas.
  if (variable !== undefined && args.length === 1) {
    const product = { type: 'OperatorNode', fn: 'multiply', op: '*', args: [callee, args[0]!], toString: () => node.toString() } as AnyNode;
    operator(product, later, push, operands, mismatch, problems);
    return;
  }
  const one = (check: (a: Shape) => Shape | string, f: (t: Tensor) => Tensor) => {
    if (args.length !== 1) {
      problems.push(`${name} takes one argument, found ${args.length}`);
      return;
    }
    later(args, () => {
      const [a] = operands(1) as [Shape];
      const out = check(a);
      if (typeof out === 'string') mismatch(`${name}(${snippet(args[0]!)}) of ${shapeText(a)}: ${out}`);
      else push(out, (s) => s.push(f(s.pop()!)));
    });
  };
  const elementwise = Object.hasOwn(T.ELEMENTWISE, name) ? T.ELEMENTWISE[name] : undefined;
  if (elementwise) return one((a) => a, (t) => T.map(t, elementwise));
  switch (name) {
    case 'sum':
      return one(() => [1, 1], (t) => T.scalar(T.sum(t)));
    case 'mean':
      return one(() => [1, 1], (t) => T.scalar(T.sum(t) / t.data.length));
    case 'max':
    case 'min':
      // The largest (smallest) entry, as max-pooling and logsumexp's bound use it.
      return one(() => [1, 1], (t) => T.scalar(name === 'max' ? T.maxEntry(t) : -T.maxEntry(T.map(t, (v) => -v))));
    case 'log_softmax':
      return one((a) => (isVector(a) ? a : 'log_softmax takes a vector (apply it to each column you mean)'), (t) => {
        const l = T.logsumexp(t);
        return T.map(t, (v) => v - l);
      });
    case 'trace':
    case 'tr':
      return one((a) => (sameDim(a[0], a[1]) ? [1, 1] : 'the trace needs a square matrix'), (t) => T.scalar(T.trace(t)));
    case 'diag':
      return one(
        (a) => (isScalar(a) ? a : a[1] === 1 ? [a[0], a[0]] : a[0] === 1 ? [a[1], a[1]] : sameDim(a[0], a[1]) ? [a[0], 1] : 'diag takes a vector or a square matrix'),
        (t) => (t.data.length === 1 ? t : T.diag(t)),
      );
    case 'transpose':
      return one((a) => [a[1], a[0]], T.transpose);
    case 'softmax':
      return one((a) => (isVector(a) ? a : 'softmax takes a vector (apply it to each column you mean)'), T.softmax);
    case 'logsumexp':
      return one(() => [1, 1], (t) => T.scalar(T.logsumexp(t)));
    case 'outer':
    case 'dot': {
      if (args.length !== 2) {
        problems.push(`${name} takes two arguments, found ${args.length}`);
        return;
      }
      return later(args, () => {
        const [a, b] = operands(2) as [Shape, Shape];
        if (!isVector(a) || !isVector(b)) {
          mismatch(`${name}(${snippet(args[0]!)}, ${snippet(args[1]!)}) of ${shapeText(a)} and ${shapeText(b)}: ${name} takes two vectors`);
          return;
        }
        const la = a[1] === 1 ? a[0] : a[1];
        const lb = b[1] === 1 ? b[0] : b[1];
        if (name === 'dot' && !sameDim(la, lb)) {
          mismatch(`dot(${snippet(args[0]!)}, ${snippet(args[1]!)}) of ${shapeText(a)} and ${shapeText(b)}: the lengths ${la} and ${lb} differ`);
          return;
        }
        push(name === 'dot' ? [1, 1] : [la, lb], (s) => {
          const y = s.pop()!;
          const x = s.pop()!;
          const cx = T.tensor(x.data.length, 1, x.data);
          const cy = T.tensor(y.data.length, 1, y.data);
          s.push(name === 'dot' ? T.matmul(T.transpose(cx), cy) : T.matmul(cx, T.transpose(cy)));
        });
      });
    }
    case 'norm': {
      if (args.length < 1 || args.length > 2) {
        problems.push(`norm takes one or two arguments, found ${args.length}`);
        return;
      }
      const p = args[1];
      // p = inf may be written as the string or the name (inf, Inf, Infinity, ∞).
      const infinite = p !== undefined && (p.value === 'inf' || (p.type === 'SymbolNode' && ['inf', 'Inf', 'Infinity'].includes(p.name ?? '')));
      const kind = p === undefined ? undefined : p.value === 'fro' ? 'fro' : infinite ? 'inf' : p.value === 1 ? 1 : p.value === 2 ? 2 : null;
      if (kind === null) {
        problems.push(`norm(x, p) takes p = 1, 2, "inf" or "fro", found ${snippet(p!)}`);
        return;
      }
      return later([args[0]!], () => {
        const [a] = operands(1) as [Shape];
        if (kind === undefined && !isVector(a)) {
          mismatch(`‖${snippet(args[0]!)}‖ of ${shapeText(a)} is ambiguous: write ‖…‖_F for the Frobenius norm or ‖…‖_2 for the spectral norm`);
          return;
        }
        push([1, 1], (s) => s.push(T.scalar(T.norm(s.pop()!, kind ?? 2))));
      });
    }
    default:
      problems.push(`the function ${name || callee.toString()} is not allowed (allowed: ${TENSOR_FUNCTIONS.join(', ')})`);
  }
}
