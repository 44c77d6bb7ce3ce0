import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { stringify } from 'yaml';
import type { Pack } from '../pack/define-pack.ts';
import { dlgradeItself } from '../pack/pack-module.ts';
import type { Assignment, PartSpec } from '../pack/types.ts';
import { kindOf } from '../checkers/kinds.ts';
import type { CodeOpener } from '../checkers/types.ts';
import { gradeSubmission } from './grade-submission.ts';
import { drawVariants, studentView, type DrawnVariant } from '../pack/variant-binding.ts';
import type { PartResult } from '../results/result.ts';

/**
 * The key of the self-test's variants: fixed, so a self-test needs no course secret and is the
 * same on every machine. It tests the pack, not a student: the reference and every known mistake
 * must hold for any draw, so a few draws are checked, not the class's.
 */
export const SELFTEST_SECRET = 'dlgrade-selftest';
/** Variants a pack drawn per student is self-tested on (the first for the whole pack, the others for the parts that depend on the draw). */
export const SELFTEST_VARIANTS = 3;

/** One row of the self-test table. */
export interface SelftestCase {
  part: string;
  /** `reference`, or the known mistake's id. */
  case: string;
  /** What the case must show, e.g. `full marks` or `mistake m, 0.5 of 2`. */
  want: string;
  /** What grading gave. */
  got: string;
  ok: boolean;
  /** The feedback shown to the student, for a mistake case. */
  feedback?: string;
}

export interface SelftestOptions {
  solvers: Pack;
  openCode: CodeOpener;
  /** Scratch folder the generated submissions are written to. */
  workDir: string;
  /** Cases graded at once. */
  jobs?: number;
}

/** What the self-test graded: its cases and, for a pack drawn per student, the variants it drew. */
export interface SelftestReport {
  cases: SelftestCase[];
  /** One entry per drawn variant (empty for a pack without params): the self-test student it was drawn for, and its values by question. */
  variants: { student: string; values: Record<string, DrawnVariant> }[];
}

/**
 * Grades the pack's reference solution (every auto-graded part must get full marks) and one
 * submission per known mistake (it must be recognised: that mistake's id and feedback, and its
 * credit, not full marks). Submissions are real folders graded by the real engine, checkers and
 * sandbox; code is the reference or mutant solver bundled into the submission's solution.ts.
 *
 * A pack drawn per student is graded on {@link SELFTEST_VARIANTS} variants drawn with the fixed
 * {@link SELFTEST_SECRET}: the whole pack on the first, and again on each other draw the parts
 * whose answers depend on it (the questions with params, and the parts built on them with
 * `given:`), so a known mistake that is right for some students' numbers, or a solver that only
 * agrees with the answer on one draw, shows up. Their cases are labelled with the variant
 * (`reference @2`).
 */
export async function selftestPack(assignment: Assignment, options: SelftestOptions): Promise<SelftestReport> {
  const first = drawVariants(assignment, SELFTEST_SECRET, 'selftest');
  const report: SelftestReport = { cases: await selftestVariant(assignment, options, first, 'selftest', ''), variants: [] };
  if (Object.keys(first).length === 0) return report;
  report.variants.push({ student: 'selftest', values: first });
  const dependent = drawDependentParts(assignment);
  const restricted = restrictTo(assignment, dependent);
  for (let k = 2; k <= SELFTEST_VARIANTS; k++) {
    const student = `selftest-${k}`;
    const variants = drawVariants(assignment, SELFTEST_SECRET, student);
    report.variants.push({ student, values: variants });
    report.cases.push(...(await selftestVariant(restricted, options, variants, student, ` @${k}`)));
  }
  return report;
}

/** The parts whose right answers depend on the draw: those of questions with params, and those built on them. */
function drawDependentParts(assignment: Assignment): Set<string> {
  const parts = assignment.questions.flatMap((q) => q.parts);
  const dependent = new Set(assignment.questions.filter((q) => q.variants).flatMap((q) => q.parts.map((p) => p.id)));
  // `given:` names earlier parts only, so one pass in pack order reaches every chain.
  for (const p of parts) if (p.given?.some((g) => dependent.has(g))) dependent.add(p.id);
  return dependent;
}

/** The assignment holding only these parts, its total theirs. */
function restrictTo(assignment: Assignment, keep: ReadonlySet<string>): Assignment {
  const questions = assignment.questions.map((q) => ({ ...q, parts: q.parts.filter((p) => keep.has(p.id)) })).filter((q) => q.parts.length > 0);
  return { ...assignment, total: questions.flatMap((q) => q.parts).reduce((sum, p) => sum + p.points, 0), questions };
}

/** The self-test of the assignment's parts on one variant: the reference solution, then each known mistake alone. */
async function selftestVariant(assignment: Assignment, options: SelftestOptions, variants: Record<string, DrawnVariant>, student: string, label: string): Promise<SelftestCase[]> {
  const parts = assignment.questions.flatMap((q) => q.parts);
  const cases: SelftestCase[] = [];
  // Every case is graded against this variant, whose right answers the reference gives.
  const view = studentView(assignment, options.solvers, variants);
  const grading = { solvers: options.solvers, openCode: options.openCode, visibleOnly: false, seedSalt: '', variants };
  const work = path.join(options.workDir, student);
  const reference = `reference${label}`;

  // The reference solution: every part answered by its ground truth, graded together.
  const refDir = path.join(work, 'reference');
  const answers: Record<string, unknown> = {};
  const code: Record<string, string> = {};
  const noAnswer = new Map<string, string>();
  for (const p of parts) {
    const seen = view(p);
    const given = kindOf(p).selftest.reference(seen.part, seen.pack);
    if ('none' in given) noAnswer.set(p.id, given.none);
    else if ('code' in given) code[(p as { function: string }).function] = given.code;
    else answers[p.id] = given.answer;
  }
  await writeSubmission(refDir, assignment, answers, code);
  const { result } = await gradeSubmission(assignment, `${student}-reference`, refDir, grading);
  for (const r of result.parts) {
    if (r.kind === 'text') {
      cases.push({ part: r.partId, case: reference, want: 'pending review', got: r.status, ok: r.status === 'pending' });
      continue;
    }
    const why = noAnswer.get(r.partId);
    if (why !== undefined) {
      cases.push({ part: r.partId, case: reference, want: `full marks (${r.max})`, got: 'no correct answer to grade', ok: false, feedback: why });
      continue;
    }
    const ok = r.status === 'passed' && r.score === r.max;
    cases.push({ part: r.partId, case: reference, want: `full marks (${r.max})`, got: `${r.status} ${r.score}/${r.max}`, ok, ...(ok ? {} : { feedback: r.feedback }) });
  }

  // One submission per known mistake, holding only that part's question with only that part.
  const jobs: (() => Promise<SelftestCase>)[] = [];
  for (const q of assignment.questions) {
    for (const p of q.parts) {
      if (!('mistakes' in p)) continue;
      const seen = view(p);
      for (const m of (seen.part as typeof p).mistakes) {
        jobs.push(async () => {
          const dir = path.join(work, `${p.id}--${m.id}`);
          // With the parts it builds on (unanswered), so its solver still gets their reference values.
          const needed = new Set([p.id]);
          const add = (id: string) => parts.find((x) => x.id === id)?.given?.forEach((g) => needed.has(g) || (needed.add(g), add(g)));
          add(p.id);
          const kept = assignment.questions.map((x) => ({ ...x, parts: x.parts.filter((y) => needed.has(y.id)) })).filter((x) => x.parts.length > 0);
          const single: Assignment = { ...assignment, total: p.points, questions: kept.length > 0 ? kept : [{ ...q, parts: [p] }] };
          const wrong = kindOf(p).selftest.mistake(seen.part as never, m as never, seen.pack);
          if ('none' in wrong) return { part: p.id, case: `${m.id}${label}`, want: `mistake ${m.id}`, got: 'no answer showing it', ok: false, feedback: wrong.none };
          const answers = 'answer' in wrong ? { [p.id]: wrong.answer } : {};
          const code = 'code' in wrong ? { [(p as { function: string }).function]: wrong.code } : {};
          await writeSubmission(dir, assignment, answers, code);
          const graded = await gradeSubmission(single, `${student}-${m.id}`, dir, grading);
          return { ...judgeMistake(p, m, graded.result.parts.find((r) => r.partId === p.id)!), case: `${m.id}${label}` };
        });
      }
    }
  }
  cases.push(...(await runLimited(jobs, options.jobs ?? 2)));
  return cases;
}

function judgeMistake(p: PartSpec & { mistakes: { id: string; credit: number; feedback: string }[] }, m: { id: string; credit: number }, r: PartResult): SelftestCase {
  const credit = Math.round(p.points * m.credit * 1e6) / 1e6;
  // A weights design whose first step is right keeps the part's first-step points.
  // A matrix with per-entry credit keeps the share of right entries when it is more (below full marks).
  const perEntry = p.kind === 'matrix' && p.partial;
  const most = p.kind === 'weights' ? Math.max(credit, p.firstStepPoints) : perEntry ? p.points : credit;
  const want = `mistake ${m.id}, ${perEntry ? `at least ${credit}` : most === credit ? credit : `${credit} to ${most}`} of ${p.points}`;
  const got = `${r.status} ${r.score}/${r.max}${r.mistake ? `, mistake ${r.mistake}` : ', no mistake matched'}`;
  // A full-credit mistake is the author's explicit choice; any other must cost points.
  const ok = r.mistake === m.id && r.score >= credit - 1e-9 && r.score <= most + 1e-9 && (m.credit >= 1 || r.score < r.max) && r.feedback.length > 0;
  return { part: p.id, case: m.id, want, got, ok, feedback: r.feedback };
}

/** answers.yaml nested as students write it (`q1.2: { layer_params: ... }`), and solution.ts. */
async function writeSubmission(dir: string, assignment: Assignment, answers: Record<string, unknown>, code: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const nested: Record<string, Record<string, unknown>> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    const cut = id.lastIndexOf('.');
    (nested[id.slice(0, cut)] ??= {})[id.slice(cut + 1)] = value;
  }
  await writeFile(path.join(dir, assignment.files.answers), stringify(nested));
  if (Object.keys(code).length > 0) await writeFile(path.join(dir, assignment.files.solution[0] ?? 'solution.ts'), await bundleSolvers(assignment, code));
}

/**
 * A self-contained solution file exporting each function as the named solver. Student code cannot
 * import the reference from inside the sandbox, so the solver is bundled into the file itself.
 */
async function bundleSolvers(assignment: Assignment, code: Record<string, string>): Promise<string> {
  const file = assignment.reference?.file;
  // Unreachable for a valid pack: its code parts name solvers, and a pack without a module has none.
  if (file === undefined) throw new Error(`the assignment ${assignment.id} names no pack module to take the code parts' solvers from`);
  const lines = [`import pack from ${JSON.stringify(file)};`];
  for (const [fn, solver] of Object.entries(code)) lines.push(`export const ${fn} = pack.solvers[${JSON.stringify(solver)}];`);
  const out = await build({ stdin: { contents: lines.join('\n'), loader: 'ts', resolveDir: path.dirname(file) }, bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent', plugins: [dlgradeItself] });
  return `// Generated by the self-test.\n${out.outputFiles[0]!.text}`;
}

async function runLimited<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
  return results;
}
