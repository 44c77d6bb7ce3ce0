import { readFileSync } from 'node:fs';
import { Document, isAlias, isMap, isScalar, LineCounter, parseDocument, Scalar, type Node } from 'yaml';
import type { ReportContext } from '../report/types.ts';
import type { Assignment, PartSpec } from '../pack/types.ts';
import { totalAfterLate } from './late.ts';
import type { PartResult, SubmissionResult } from '../results/result.ts';
import { roundPoints, totals } from '../results/score.ts';

/** A TA's score for one free-text part. */
export interface ManualScore {
  score: number;
  /** Shown to the student beside the score. */
  comment?: string;
}

/** Student id → part id → score, as read from a review sheet. */
export type ManualScores = ReadonlyMap<string, ReadonlyMap<string, ManualScore>>;

export type SheetErrorCode =
  | 'SHEET_UNREADABLE'
  | 'SHEET_YAML'
  | 'SHEET_SHAPE'
  | 'UNKNOWN_STUDENT'
  | 'UNKNOWN_PART'
  | 'NOT_MANUAL_PART'
  | 'UNKNOWN_KEY'
  | 'SCORE_NOT_NUMBER'
  | 'SCORE_OUT_OF_RANGE'
  | 'COMMENT_NOT_TEXT';

/** One problem in a review sheet, at a 1-based line and column. */
export interface SheetError {
  code: SheetErrorCode;
  message: string;
  file: string;
  line: number;
  col: number;
}

export function formatSheetError(e: SheetError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message} [${e.code}]`;
}

/** Keys of a part entry in the exported sheet; all but `score` and `comment` are read-only context. */
const ENTRY_KEYS = new Set(['score', 'comment', 'points', 'rubric', 'answer', 'prompt']);

/**
 * The review sheet of every answer awaiting manual review: per student, per part, the answer,
 * the rubric, the part's points and an empty `score:` to fill in. Feeding the filled sheet back to
 * `loadManualSheet` merges it; parts left with an empty score stay pending.
 */
export function exportReviewSheet(ctx: ReportContext): string {
  const specs = partSpecs(ctx.assignment);
  const sheet: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const result of ctx.results) {
    for (const part of result.parts) {
      if (part.status !== 'pending') continue;
      const entries = (sheet[result.student] ??= {});
      entries[part.partId] = {
        points: part.max,
        prompt: specs.get(part.partId)?.prompt ?? '',
        rubric: part.rubric,
        answer: part.answer ?? '',
        score: null,
        comment: '',
      };
    }
  }
  const doc = new Document(sheet);
  doc.commentBefore = [
    ` Manual review sheet for ${ctx.assignment.id} (${ctx.assignment.title}).`,
    ' Fill in `score:` (0 to `points`) for each answer and, if you like, a `comment:` for the student.',
    ' A part whose score is left empty stays pending. Shorthand also accepted: `<part id>: <score>`.',
    ' Merge with: npm run grade -- --manual <this file>',
  ].join('\n');
  for (const [student, parts] of Object.entries(sheet)) {
    for (const partId of Object.keys(parts)) {
      const answer = doc.getIn([student, partId, 'answer'], true);
      // Block literals keep multi-line answers readable and can hold any text without quoting.
      if (isScalar(answer) && typeof answer.value === 'string' && answer.value.includes('\n')) answer.type = Scalar.BLOCK_LITERAL;
    }
  }
  if (Object.keys(sheet).length === 0) return `${doc.commentBefore.split('\n').map((l) => `#${l}`).join('\n')}\n# No answers are awaiting review.\n{}\n`;
  return doc.toString({ nullStr: '', lineWidth: 100 });
}

/**
 * Reads a review sheet: `<student>: { <part id>: <score> | { score, comment } }`, or the exported
 * sheet filled in. Every error is collected with its position; if there is any, nothing is merged.
 */
export function loadManualSheet(file: string, assignment: Assignment, studentIds: Iterable<string>): { scores: ManualScores; errors: SheetError[] } {
  const errors: SheetError[] = [];
  const none = { scores: new Map<string, Map<string, ManualScore>>(), errors };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    errors.push({ code: 'SHEET_UNREADABLE', message: `cannot read the review sheet (${(err as Error).message})`, file, line: 1, col: 1 });
    return none;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at: At = (node, code, message) => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    errors.push({ code, message, file, line: pos.line, col: pos.col });
  };
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    errors.push({ code: 'SHEET_YAML', message: e.message.split('\n')[0] ?? e.message, file, line: pos.line, col: pos.col });
  }
  if (errors.length > 0) return none;

  const specs = partSpecs(assignment);
  const students = new Set(studentIds);
  const scores = new Map<string, Map<string, ManualScore>>();
  const root = resolve(doc, doc.contents);
  if (root === null || (isScalar(root) && root.value === null)) return { scores, errors };
  if (!isMap(root)) {
    at(root, 'SHEET_SHAPE', 'expected a map of student ids, e.g. `alice: { q1.2.why: 1 }`');
    return none;
  }
  for (const studentPair of root.items) {
    const studentKey = resolve(doc, studentPair.key as Node | null);
    const student = isScalar(studentKey) ? String(studentKey.value) : '';
    if (!students.has(student)) {
      at(studentKey, 'UNKNOWN_STUDENT', `unknown student "${student}": no graded submission has this id`);
      continue;
    }
    const partsNode = resolve(doc, studentPair.value as Node | null);
    if (partsNode === null || (isScalar(partsNode) && partsNode.value === null)) continue;
    if (!isMap(partsNode)) {
      at(partsNode, 'SHEET_SHAPE', `expected a map of part ids under "${student}", e.g. \`q1.2.why: 1\``);
      continue;
    }
    for (const partPair of partsNode.items) {
      const partKey = resolve(doc, partPair.key as Node | null);
      const partId = isScalar(partKey) ? String(partKey.value) : '';
      const spec = specs.get(partId);
      if (!spec) {
        at(partKey, 'UNKNOWN_PART', `unknown part "${partId}" (use full ids such as "q1.2.why")`);
        continue;
      }
      if (spec.kind !== 'text') {
        at(partKey, 'NOT_MANUAL_PART', `part "${partId}" is auto-graded (${spec.kind}); only text parts are scored by hand`);
        continue;
      }
      const score = readEntry(doc, resolve(doc, partPair.value as Node | null), spec, student, at);
      if (score) {
        const forStudent = scores.get(student) ?? new Map<string, ManualScore>();
        forStudent.set(partId, score);
        scores.set(student, forStudent);
      }
    }
  }
  return errors.length > 0 ? none : { scores, errors };
}

type At = (node: Node | null, code: SheetErrorCode, message: string) => void;

/** One part's entry: a bare score or `{ score, comment, ... }`; undefined when not scored yet. */
function readEntry(doc: Document, node: Node | null, spec: PartSpec, student: string, at: At): ManualScore | undefined {
  const where = `${student} ${spec.id}`;
  if (!isMap(node)) return readScore(node, spec, where, at) ?? undefined;
  let score: number | undefined;
  let comment: string | undefined;
  let ok = true;
  for (const pair of node.items) {
    const keyNode = resolve(doc, pair.key as Node | null);
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = resolve(doc, pair.value as Node | null);
    if (!ENTRY_KEYS.has(key)) {
      at(keyNode, 'UNKNOWN_KEY', `${where}: unknown key "${key}" (expected score and comment; points, prompt, rubric and answer are read-only)`);
      ok = false;
    } else if (key === 'score') {
      const s = readScore(value, spec, where, at);
      if (s === null) ok = false;
      else score = s?.score;
    } else if (key === 'comment') {
      if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) continue;
      if (!isScalar(value) || typeof value.value !== 'string') {
        at(value, 'COMMENT_NOT_TEXT', `${where}: comment must be text`);
        ok = false;
      } else {
        comment = value.value.trim();
      }
    }
  }
  if (!ok || score === undefined) return undefined;
  return comment ? { score, comment } : { score };
}

/** A score node: undefined when left empty, null (after recording an error) when wrong. */
function readScore(node: Node | null, spec: PartSpec, where: string, at: At): ManualScore | undefined | null {
  if (node === null || (isScalar(node) && node.value === null)) return undefined;
  if (!isScalar(node) || typeof node.value !== 'number' || !Number.isFinite(node.value)) {
    const shown = isScalar(node) ? JSON.stringify(node.value) : 'a collection';
    at(node, 'SCORE_NOT_NUMBER', `${where}: score must be a number from 0 to ${spec.points}, found ${shown}`);
    return null;
  }
  if (node.value < 0 || node.value > spec.points) {
    at(node, 'SCORE_OUT_OF_RANGE', `${where}: score ${node.value} is outside 0..${spec.points} (the part's points)`);
    return null;
  }
  return { score: node.value };
}

function resolve(doc: Document, node: Node | null | undefined): Node | null {
  if (node === undefined || node === null) return null;
  return isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? null) : node;
}

function partSpecs(assignment: Assignment): Map<string, PartSpec> {
  return new Map(assignment.questions.flatMap((q) => q.parts.map((p) => [p.id, p] as const)));
}

/**
 * Merges a TA's scores into a result: each scored text part becomes passed (full points),
 * partial or failed, carries the comment, and the score, max, pending points, late penalty and
 * total are recomputed. A part scored earlier by hand can be scored again.
 */
export function applyManual(result: SubmissionResult, scores: ManualScores, assignment: Assignment): SubmissionResult {
  const mine = scores.get(result.student);
  if (!mine || mine.size === 0) return result;
  const specs = partSpecs(assignment);
  const parts = result.parts.map((part): PartResult => {
    const given = mine.get(part.partId);
    const spec = specs.get(part.partId);
    if (!given || spec?.kind !== 'text' || (part.status !== 'pending' && !part.manual)) return part;
    const { status: _status, ...rest } = part;
    const { rubric: _rubric, reason: _reason, ...common } = rest as typeof rest & { rubric?: string; reason?: string };
    const score = Math.min(part.max, Math.max(0, given.score));
    const status = score >= part.max ? 'passed' : score > 0 ? 'partial' : 'failed';
    const feedback = given.comment ?? `Scored by hand: ${score} / ${part.max}.`;
    return { ...common, status, score, feedback, manual: given.comment ? { comment: given.comment } : {} };
  });
  const sums = totals(parts);
  const late = result.late ? { ...result.late, penalty: roundPoints((sums.score * result.late.penaltyPercent) / 100) } : undefined;
  const merged: SubmissionResult = { ...result, parts, ...sums, total: totalAfterLate(sums.score, late) };
  if (late) merged.late = late;
  return merged;
}
