import { readFileSync } from 'node:fs';
import { type Document, isAlias, isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import type { Assignment, PartSpec } from '../pack/types.ts';
import { adjustResult } from '../results/adjust.ts';
import type { SubmissionResult } from '../results/result.ts';
import { answerHash, emptyStore, type HandScore } from '../results/ta-store.ts';
import { withNearest } from './nearest-ids.ts';

/** A TA's score for one free-text part. */
export interface ManualScore {
  score: number;
  /** Shown to the student beside the score. */
  comment?: string;
  /** The answer as the sheet shows it (an exported sheet does): the score is for that answer. */
  answer?: string;
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
      at(studentKey, 'UNKNOWN_STUDENT', `unknown student "${student}": no submission has this id (${withNearest(student, students)})`);
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
  let answer: string | undefined;
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
    } else if (key === 'answer') {
      if (isScalar(value) && typeof value.value === 'string') answer = value.value;
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
  return { score, ...(comment ? { comment } : {}), ...(answer !== undefined ? { answer } : {}) };
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
 * Scores from a sheet applied to one result at once, as plain data (no store file): the parts
 * scored by hand before keep their scores unless the sheet scores them again, and the late
 * penalty is recomputed from the new score. A grading run goes through the TA store instead.
 */
export function applyManual(result: SubmissionResult, scores: ManualScores, assignment: Assignment): SubmissionResult {
  const mine = scores.get(result.student);
  if (!mine || mine.size === 0) return result;
  const store = emptyStore(assignment.id);
  const entries: Record<string, HandScore> = {};
  for (const part of result.parts) {
    if (part.manual) entries[part.partId] = { score: part.score, answerHash: answerHash(part.answer), source: 'earlier', ...(part.manual.comment ? { comment: part.manual.comment } : {}) };
    const given = mine.get(part.partId);
    if (given) entries[part.partId] = { score: given.score, answerHash: answerHash(given.answer ?? part.answer), source: 'sheet', ...(given.comment ? { comment: given.comment } : {}) };
  }
  store.scores[result.student] = entries;
  if (result.late) store.times[result.student] = { submittedAt: result.late.submittedAt, source: 'earlier' };
  return adjustResult(result, store, assignment);
}
