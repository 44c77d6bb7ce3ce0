import type { CheckContext, CodeOpener, CodeSession } from '../checkers/types.ts';
import { checkerFor } from '../checkers/index.ts';
import type { Assignment, PartSpec } from '../pack/types.ts';
import type { Pack } from '../pack/define-pack.ts';
import { readAnswers } from '../submission/answers.ts';
import type { PartResult, SubmissionResult } from '../results/result.ts';
import { partSeed } from './seed.ts';
import { totals } from '../results/score.ts';

export interface GradeOptions {
  solvers: Pack;
  openCode: CodeOpener;
  visibleOnly: boolean;
  seedSalt: string;
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

const CODE_KINDS = new Set<PartSpec['kind']>(['code', 'gradient']);

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

  const needsCode = parts.some((p) => CODE_KINDS.has(p.kind));
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

  const gradePart = async (part: PartSpec, session: CodeSession | undefined): Promise<PartResult> => {
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
    if (!CODE_KINDS.has(part.kind) && file.status !== 'ok') return unreadableAnswers(part, seed, file);
    const answer = file.status === 'ok' ? file.answers.get(part.id) : undefined;
    const partStarted = performance.now();
    try {
      const result = await checkerFor(part).check(part as never, answer, ctx);
      return { ...result, durationMs: elapsed(partStarted) };
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

  const byId = new Map<string, PartResult>();
  let session: CodeSession | undefined;
  try {
    for (const part of parts.filter((p) => !CODE_KINDS.has(p.kind))) byId.set(part.id, await gradePart(part, undefined));
    session = await opening;
    if (session?.problem) problems.push(session.problem);
    if (session?.notes) problems.push(...session.notes);
    for (const part of parts.filter((p) => CODE_KINDS.has(p.kind))) byId.set(part.id, await gradePart(part, session));
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
