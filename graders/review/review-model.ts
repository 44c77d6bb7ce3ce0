import type { Assignment, RubricItem, TextPart } from '../pack/types.ts';
import type { SubmissionResult } from '../results/result.ts';
import { answerHash, type HandScore, type TaStore } from '../results/ta-store.ts';

/**
 * What the review page shows of one free-text part across the class, built from the results of a
 * reports folder and its TA store as they stand now: the answers awaiting a TA, grouped where
 * their text is the same, each with the hand score that stands for it.
 */
export interface PartReview {
  part: TextPart;
  groups: AnswerGroup[];
  /** Students who left the part blank (scored 0 without a TA). */
  blank: string[];
  /** Students whose answer could not be read as text (scored 0 without a TA), with why. */
  unreadable: { student: string; feedback: string }[];
  /** Answers handed in (in groups), and how many of them a TA has scored. */
  answers: number;
  scored: number;
}

/** Answers whose text is the same once white space and case are set aside: one score for all. */
export interface AnswerGroup {
  /** Stable id of the group on the page (a digest of its normalised text). */
  key: string;
  /** The first member's answer, as handed in. */
  answer: string;
  members: GroupMember[];
}

export interface GroupMember {
  student: string;
  /** `answerHash` of this student's own answer: a score is bound to it. */
  answerHash: string;
  /** The store revision that last changed this student's score of the part (0: never scored). */
  version: number;
  /** The hand score standing for this answer, if any. */
  score?: HandScore;
  /** A score of an earlier answer of this student, no longer standing (the answer changed since). */
  earlier?: HandScore;
}

/** The free-text parts of an assignment, in pack order: the parts the review page scores. */
export function textParts(assignment: Assignment): TextPart[] {
  return assignment.questions.flatMap((q) => q.parts.filter((p): p is TextPart => p.kind === 'text'));
}

/** The text two answers are the same by: white space runs made one space, case folded. */
export function groupingText(answer: string): string {
  return answer.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** `student part` → revision of the last change of that score in the store's log. */
export function scoreVersions(store: TaStore): Map<string, number> {
  const versions = new Map<string, number>();
  for (const change of store.log) if (change.kind === 'score') versions.set(versionKey(change.student, change.part), change.revision);
  return versions;
}

export function versionKey(student: string, part: string): string {
  return `${student}\u0000${part}`;
}

/**
 * The part's answers across the class, grouped. Groups come largest first (then by their first
 * student), an order that does not move while the part is being scored.
 */
export function partReview(part: TextPart, results: readonly SubmissionResult[], store: TaStore, versions = scoreVersions(store)): PartReview {
  const byKey = new Map<string, AnswerGroup>();
  const blank: string[] = [];
  const unreadable: PartReview['unreadable'] = [];
  let answers = 0;
  let scored = 0;
  for (const result of results) {
    const shown = result.parts.find((p) => p.partId === part.id);
    if (!shown) continue;
    const graded = shown.asGraded ?? shown;
    if (graded.status === 'missing') {
      blank.push(result.student);
      continue;
    }
    if (graded.status !== 'pending') {
      unreadable.push({ student: result.student, feedback: graded.feedback });
      continue;
    }
    const answer = graded.answer ?? '';
    const hash = answerHash(answer);
    const entry = store.scores[result.student]?.[part.id];
    const member: GroupMember = {
      student: result.student,
      answerHash: hash,
      version: versions.get(versionKey(result.student, part.id)) ?? 0,
      ...(entry && entry.answerHash === hash ? { score: entry } : entry ? { earlier: entry } : {}),
    };
    answers += 1;
    if (member.score) scored += 1;
    const text = groupingText(answer);
    let group = byKey.get(text);
    if (!group) {
      group = { key: answerHash(text).slice('sha256:'.length, 'sha256:'.length + 16), answer, members: [] };
      byKey.set(text, group);
    }
    group.members.push(member);
  }
  const groups = [...byKey.values()].sort((a, b) => b.members.length - a.members.length || (a.members[0]!.student < b.members[0]!.student ? -1 : 1));
  return { part, groups, blank, unreadable, answers, scored };
}

/**
 * The score a TA's marks make: the ticked items' points plus the adjustment, kept within 0 and
 * the part's points (a rubric whose items add up to more, or a deduction past 0, is capped).
 */
export function markedScore(items: readonly RubricItem[], ticked: readonly number[], adjustment: number, max: number): number {
  const sum = ticked.reduce((s, i) => s + (items[i]?.points ?? 0), 0) + adjustment;
  return Math.min(max, Math.max(0, sum));
}
