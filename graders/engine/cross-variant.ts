/**
 * The cross-variant check: answers that are right for another student's parameters but not for
 * the student's own, the trace of a shared answer sheet (or of a chatbot asked with a friend's
 * numbers). It is for the TA only: it names other students, so it is a class file of `--out`
 * (`cross-variant.csv`), never part of a student's own reports, and it changes no score.
 *
 * Each wrong answer of a question with params is graded again under every other variant of the
 * class (each distinct draw once), by the same checker that graded it; at most
 * {@link MAX_VARIANTS} variants per question are compared, the first by variant id, so the work
 * stays bounded for a large class.
 */
import { stringify } from 'csv-stringify/sync';
import { kindOf } from '../checkers/kinds.ts';
import type { CheckContext } from '../checkers/types.ts';
import type { Pack } from '../pack/define-pack.ts';
import type { Assignment, PartSpec } from '../pack/types.ts';
import { bindPack, fillPart, type DrawnVariant } from '../pack/variant-binding.ts';
import { safeCell } from '../report/csv.ts';
import type { SubmissionResult } from '../results/result.ts';
import { readAnswers } from '../submission/answers.ts';
import type { SubmissionRef } from '../submission/discover.ts';
import { partSeed } from './seed.ts';

export const CROSS_VARIANT_FILE = 'cross-variant.csv';
export const MAX_VARIANTS = 50;

export interface CrossVariantRow {
  student: string;
  part: string;
  answer: string;
  ownVariant: string;
  ownParams: string;
  /** The variant the answer is right for, and the students who drew it. */
  rightFor: string;
  rightForStudents: string[];
  rightForParams: string;
}

export async function crossVariantRows(assignment: Assignment, results: readonly SubmissionResult[], submissions: readonly SubmissionRef[], solvers: Pack, seedSalt: string): Promise<CrossVariantRow[]> {
  const dirs = new Map(submissions.map((s) => [s.id, s.dir]));
  const rows: CrossVariantRow[] = [];
  for (const q of assignment.questions) {
    if (!q.variants) continue;
    // Each distinct draw of the class once, with who drew it.
    const variants = new Map<string, { variant: DrawnVariant; students: string[] }>();
    for (const r of results) {
      const v = r.variants?.[q.id];
      if (!v) continue;
      const entry = variants.get(v.id) ?? { variant: v, students: [] };
      entry.students.push(r.student);
      variants.set(v.id, entry);
    }
    const compared = [...variants.values()].sort((a, b) => (a.variant.id < b.variant.id ? -1 : 1)).slice(0, MAX_VARIANTS);
    const parts = q.parts.filter((p) => kindOf(p).answeredIn === 'answers' && p.kind !== 'text' && !(p.given?.length));
    for (const r of [...results].sort((a, b) => (a.student < b.student ? -1 : 1))) {
      const own = r.variants?.[q.id];
      const dir = dirs.get(r.student);
      if (!own || dir === undefined) continue;
      const wrong = parts.filter((p) => {
        const graded = r.parts.find((x) => x.partId === p.id);
        return graded !== undefined && graded.status !== 'passed' && graded.status !== 'missing' && graded.status !== 'invalid';
      });
      if (wrong.length === 0) continue;
      const file = await readAnswers(dir, assignment).catch(() => undefined);
      if (file?.status !== 'ok') continue;
      for (const p of wrong) {
        const answer = file.answers.get(p.id);
        for (const other of compared) {
          if (other.variant.id === own.id) continue;
          if (await rightUnder(p, answer, other.variant, q.variants !== undefined, assignment, r.student, solvers, seedSalt)) {
            rows.push({
              student: r.student,
              part: p.id,
              answer: r.parts.find((x) => x.partId === p.id)?.answer ?? '',
              ownVariant: own.id,
              ownParams: showParams(own.values),
              rightFor: other.variant.id,
              rightForStudents: [...other.students].sort(),
              rightForParams: showParams(other.variant.values),
            });
          }
        }
      }
    }
  }
  return rows;
}

async function rightUnder(part: PartSpec, answer: unknown, variant: DrawnVariant, hasParams: boolean, assignment: Assignment, student: string, solvers: Pack, seedSalt: string): Promise<boolean> {
  const filled = fillPart(part, variant.values);
  const ctx: CheckContext = {
    assignmentId: assignment.id,
    studentId: student,
    seed: partSeed(assignment.id, part.id, student, seedSalt),
    solvers: hasParams ? bindPack(solvers, { params: variant.values, given: {} }) : solvers,
    visibleOnly: false,
  };
  try {
    const r = await kindOf(filled).check(filled, answer, ctx);
    return r.status === 'passed';
  } catch {
    // A check that cannot run under another student's numbers proves nothing either way.
    return false;
  }
}

function showParams(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values).map(([k, v]) => `${k}=${v}`).join(' ');
}

/** The file's text: one row per answer right for another variant; a header alone when there is none. */
export function crossVariantCsv(rows: readonly CrossVariantRow[]): string {
  const header = ['student', 'part', 'answer', 'own_variant', 'own_params', 'right_for_variant', 'right_for_params', 'drawn_by'];
  return stringify([header, ...rows.map((r) => [r.student, r.part, r.answer, r.ownVariant, r.ownParams, r.rightFor, r.rightForParams, r.rightForStudents.join(' ')])], { cast: { string: safeCell } });
}

