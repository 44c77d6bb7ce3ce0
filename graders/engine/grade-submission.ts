import type { CheckContext, CodeOpener, CodeSession } from '../checkers/types.ts';
import { kindOf } from '../checkers/kinds.ts';
import type { Assignment, PartSpec } from '../pack/types.ts';
import type { Pack } from '../pack/define-pack.ts';
import { readAnswers } from '../submission/answers.ts';
import type { PartResult, SubmissionResult } from '../results/result.ts';
import { partSeed } from './seed.ts';
import { totals } from '../results/score.ts';
import { bindPack, drawVariants, fillPart, hasVariants, needsContext, questionOf, type DrawnVariant } from '../pack/variant-binding.ts';
import { isDeepStrictEqual } from 'node:util';

export interface GradeOptions {
  solvers: Pack;
  openCode: CodeOpener;
  visibleOnly: boolean;
  seedSalt: string;
  /** The course secret the students' variants are drawn from; required when a question has params. */
  variantSecret?: string;
  /** Grade against these parameters instead of the student's own draw (the cross-variant check, the self-test). */
  variants?: Record<string, DrawnVariant>;
}

/** A checker that threw: a fault of the harness or the spec, never of the student. */
export class InternalFault extends Error {
  constructor(
    readonly partId: string,
    readonly studentId: string,
    readonly causeError: unknown,
  ) {
    super(`checker for ${partId} failed on ${studentId}: ${causeError instanceof Error ? causeError.message : String(causeError)}`);
    this.name = 'InternalFault';
  }
}

/** Parts answered by a function of the solution file, graded once the sandbox is open. */
const inCode = (part: PartSpec) => kindOf(part).answeredIn === 'solution';

/**
 * Grades one submission. Never throws for anything the student did; a checker that throws is an
 * internal fault, recorded on the part and surfaced to the caller in `faults`.
 */
export async function gradeSubmission(
  assignment: Assignment,
  studentId: string,
  studentDir: string,
  options: GradeOptions,
): Promise<{ result: SubmissionResult; faults: InternalFault[] }> {
  const started = performance.now();
  const parts = assignment.questions.flatMap((q) => q.parts);
  const problems: string[] = [];
  const faults: InternalFault[] = [];

  // Nothing below may throw out of one student's grading: a failure of ours while reading their
  // folder or opening their code becomes an internal fault on the parts it concerns.
  const file = await readAnswers(studentDir, assignment).catch((err: unknown) => {
    faults.push(new InternalFault('(answers file)', studentId, err));
    return { status: 'unreadable' as const, message: `the answers file could not be read because of a fault in the grader (${err instanceof Error ? err.message : String(err)})` };
  });
  if (file.status === 'ok') problems.push(...file.warnings);
  else problems.push(file.message);

  const needsCode = parts.some(inCode);
  // The sandbox child starts while the answers-file parts are graded: they do not need it.
  const opening: Promise<CodeSession | undefined> = needsCode
    ? options.openCode(studentDir, assignment).catch((err: unknown): CodeSession => {
        faults.push(new InternalFault('(code)', studentId, err));
        return {
          problem: `your code could not be prepared for running because of a fault in the grader, not in your code (${err instanceof Error ? err.message : String(err)})`,
          close: async () => undefined,
        };
      })
    : Promise.resolve(undefined);

  // The student's own numbers: drawn before anything is graded, so a draw that fails (a fault of
  // the pack) is reported on every part of its question rather than half-way through.
  let variants: Record<string, DrawnVariant> = {};
  let variantFault: unknown;
  if (options.variants) variants = options.variants;
  else if (hasVariants(assignment)) {
    try {
      if (options.variantSecret === undefined) throw new Error('the pack draws a variant per student, but no course secret was given');
      variants = drawVariants(assignment, options.variantSecret, studentId);
    } catch (err) {
      variantFault = err;
    }
  }
  const questions = questionOf(assignment);
  const filled = new Map(parts.map((p) => [p.id, fillPart(p, variants[questions.get(p.id)!.id]?.values)] as const));
  const byId = new Map<string, PartResult>();
  const answerOf = (id: string): unknown => (file.status === 'ok' ? file.answers.get(id) : undefined);

  // The reference values of the parts later parts build on, under this student's parameters.
  const referenceGiven = new Map<string, unknown>();
  const referenceOf = (id: string): unknown => {
    if (!referenceGiven.has(id)) {
      const p = filled.get(id)!;
      const reader = kindOf(p).givenValue;
      referenceGiven.set(id, reader?.reference(p, packFor(p, Object.fromEntries((p.given ?? []).map((g) => [g, referenceOf(g)])))));
    }
    return referenceGiven.get(id);
  };
  const packFor = (p: PartSpec, given: Record<string, unknown>): Pack => {
    const q = questions.get(p.id)!;
    return needsContext(q, p) ? bindPack(options.solvers, { params: variants[q.id]?.values ?? {}, given }) : options.solvers;
  };

  const gradePart = async (original: PartSpec, session: CodeSession | undefined): Promise<PartResult> => {
    const part = filled.get(original.id)!;
    const seed = partSeed(assignment.id, part.id, studentId, options.seedSalt);
    const ctx: CheckContext = {
      assignmentId: assignment.id,
      studentId,
      seed,
      solvers: options.solvers,
      visibleOnly: options.visibleOnly,
      ...(session?.handle ? { code: session.handle } : {}),
      ...(session?.problem ? { codeProblem: session.problem } : {}),
    };
    if (!inCode(part) && file.status !== 'ok') return unreadableAnswers(part, seed, file);
    const answer = answerOf(part.id);
    const partStarted = performance.now();
    try {
      if (variantFault !== undefined && questions.get(part.id)!.variants) throw variantFault;
      const given = Object.fromEntries((part.given ?? []).map((g) => [g, referenceOf(g)]));
      const result = await kindOf(part).check(part, answer, { ...ctx, solvers: packFor(part, given) });
      const through = await followThrough(part, answer, ctx, result);
      return { ...(through ?? result), durationMs: elapsed(partStarted) };
    } catch (err) {
      const fault = new InternalFault(part.id, studentId, err);
      faults.push(fault);
      return {
        partId: part.id,
        kind: part.kind,
        status: 'error',
        reason: 'internal fault',
        score: 0,
        max: part.points,
        visibility: part.visibility,
        seed,
        feedback: `This part could not be graded because of a fault in the grader, not in your answer (${fault.message}). A TA has been notified by the run's exit status.`,
      };
    }
  };

  /**
   * Follow-through: an answer that is wrong against the reference, but right when the reference
   * is re-run on the student's own (wrong) answers to the parts it builds on, earns the part's
   * follow-through share. Only when some of those answers was wrong and each can be read as it
   * is graded; a solver that cannot work from the student's values (it throws, or gives no
   * answer) simply gives no follow-through, as it is the student's value, not the pack, at fault.
   */
  const followThrough = async (part: PartSpec, answer: unknown, ctx: CheckContext, result: PartResult): Promise<PartResult | undefined> => {
    const from = part.given ?? [];
    if (from.length === 0 || result.score >= result.max || result.status === 'missing' || result.status === 'invalid') return undefined;
    const earlier = from.map((g) => byId.get(g));
    if (earlier.every((r) => r?.status === 'passed')) return undefined;
    const own: Record<string, unknown> = {};
    const shown: string[] = [];
    for (const g of from) {
      const p = filled.get(g)!;
      const read = kindOf(p).givenValue?.read(p as never, answerOf(g));
      if (!read?.ok) return undefined;
      own[g] = read.value;
      if (byId.get(g)?.status !== 'passed') shown.push(`${g} (${read.shown})`);
    }
    if (from.every((g) => isDeepStrictEqual(own[g], referenceOf(g)))) return undefined;
    let again: PartResult;
    try {
      again = await kindOf(part).check(part, answer, { ...ctx, solvers: packFor(part, own) });
    } catch {
      return undefined;
    }
    if (again.score <= 0 || again.status === 'invalid' || again.status === 'missing') return undefined;
    const credit = part.followThroughCredit ?? 1;
    const score = Math.round(again.score * credit * 1e6) / 1e6;
    if (score <= result.score) return undefined;
    const share = credit >= 1 ? 'full follow-through credit' : `${Number((credit * 100).toPrecision(3))}% of the points as follow-through credit`;
    const plural = shown.length === 1 ? 'answer' : 'answers';
    return {
      ...again,
      status: score >= part.points - 1e-9 ? 'passed' : 'partial',
      score,
      feedback: `Consistent with your ${plural} to ${shown.join(' and ')}: ${again.feedback} That earlier ${plural === 'answer' ? 'answer is' : 'answers are'} wrong, so this earns ${share}.`,
      ...(result.expected !== undefined ? { expected: result.expected } : {}),
      followThrough: { from: from.filter((g) => byId.get(g)?.status !== 'passed'), credit },
    };
  };

  let session: CodeSession | undefined;
  try {
    for (const part of parts.filter((p) => !inCode(p))) byId.set(part.id, await gradePart(part, undefined));
    session = await opening;
    if (session?.problem) problems.push(session.problem);
    if (session?.notes) problems.push(...session.notes);
    for (const part of parts.filter(inCode)) byId.set(part.id, await gradePart(part, session));
  } finally {
    await (session ?? (await opening))?.close().catch(() => undefined);
  }
  const results = parts.map((p) => byId.get(p.id)!);

  const result: SubmissionResult = {
    schemaVersion: 1,
    assignment: assignment.id,
    student: studentId,
    parts: results,
    ...totals(results),
    problems: capProblems(problems),
    visibleOnly: options.visibleOnly,
    ...(Object.keys(variants).length > 0 ? { variants } : {}),
    ...(session?.isolation ? { isolation: session.isolation } : {}),
    durationMs: elapsed(started),
  };
  return { result, faults };
}

/** Problems of one submission as every report repeats them: at most 50, each at most 1,000 characters. */
const MAX_PROBLEMS = 50;
const MAX_PROBLEM_CHARS = 1000;

function capProblems(problems: readonly string[]): string[] {
  const shown = problems.slice(0, MAX_PROBLEMS).map((p) => (p.length > MAX_PROBLEM_CHARS ? `${p.slice(0, MAX_PROBLEM_CHARS)}…` : p));
  if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more problems with this submission`);
  return shown;
}

/** Milliseconds since `from`, to the microsecond. */
function elapsed(from: number): number {
  return Math.round((performance.now() - from) * 1000) / 1000;
}

function unreadableAnswers(part: PartSpec, seed: number, file: { status: 'absent' | 'unreadable'; message: string }): PartResult {
  const base = { partId: part.id, kind: part.kind, score: 0, max: part.points, visibility: part.visibility, seed };
  if (file.status === 'absent') {
    return { ...base, status: 'missing', feedback: `No answer: ${file.message}.` };
  }
  return { ...base, status: 'invalid', feedback: `Your answers file could not be read, so this part was not graded: ${file.message}` };
}
