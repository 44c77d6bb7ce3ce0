import { readFileSync } from 'node:fs';
import type { Assignment, LatePolicy } from '../pack/types.ts';
import type { LateInfo, SubmissionResult } from '../results/result.ts';
import { roundPoints } from '../results/score.ts';

/** One bad line of a submission-times file. */
export interface TimesIssue {
  line: number;
  message: string;
}

/** A submission-times file that cannot be used; every bad line is listed, not only the first. */
export class SubmissionTimesError extends Error {
  readonly code = 'SUBMISSION_TIMES_INVALID';
  constructor(
    readonly file: string,
    readonly issues: readonly TimesIssue[],
  ) {
    super(`${file}: ${issues.map((i) => `line ${i.line}: ${i.message}`).join('; ')}`);
    this.name = 'SubmissionTimesError';
  }
}

const HOUR_MS = 3_600_000;

/**
 * Reads `student,submitted_at` rows (header required, ISO 8601 times with a zone) into a map
 * from student id to the time as written. Any bad row fails the whole file, so a typo never
 * silently grades someone as on time.
 */
export function loadSubmissionTimes(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SubmissionTimesError(file, [{ line: 0, message: `cannot read the file (${(err as Error).message})` }]);
  }
  const issues: TimesIssue[] = [];
  const rows = parseCsv(text, issues);
  const times = new Map<string, string>();
  const header = rows[0];
  if (!header) {
    throw new SubmissionTimesError(file, [{ line: 1, message: 'empty file; expected the header "student,submitted_at"' }]);
  }
  if (header.fields.length !== 2 || header.fields[0]?.trim() !== 'student' || header.fields[1]?.trim() !== 'submitted_at') {
    issues.push({ line: header.line, message: `expected the header "student,submitted_at", got "${header.fields.join(',')}"` });
  }
  for (const row of rows.slice(1)) {
    if (row.fields.length === 1 && row.fields[0]?.trim() === '') continue;
    if (row.fields.length !== 2) {
      issues.push({ line: row.line, message: `expected 2 fields (student,submitted_at), got ${row.fields.length}` });
      continue;
    }
    const student = (row.fields[0] ?? '').trim();
    const when = (row.fields[1] ?? '').trim();
    if (student === '') {
      issues.push({ line: row.line, message: 'empty student id' });
      continue;
    }
    if (times.has(student)) {
      issues.push({ line: row.line, message: `student "${student}" appears twice` });
      continue;
    }
    const why = iso8601Problem(when);
    if (why) {
      issues.push({ line: row.line, message: `"${when}" is not an ISO 8601 time with a zone (${why}), e.g. 2025-03-01T23:59:00Z` });
      continue;
    }
    times.set(student, when);
  }
  if (issues.length > 0) throw new SubmissionTimesError(file, issues.sort((a, b) => a.line - b.line));
  return times;
}

interface CsvRow {
  /** 1-based line the row starts on. */
  line: number;
  fields: string[];
}

/**
 * RFC 4180: comma separated, double-quoted fields may hold commas, quotes ("") and newlines.
 * A stray quote inside an unquoted field or an unterminated quote is an issue, not a guess.
 */
function parseCsv(text: string, issues: TimesIssue[]): CsvRow[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let rowLine = 1;
  let quoted = false;
  let wasQuoted = false;
  let broken = false;
  const endRow = () => {
    fields.push(field);
    if (!broken) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    wasQuoted = false;
    broken = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== '' || wasQuoted) {
        if (!broken) issues.push({ line, message: 'a quote inside an unquoted field' });
        broken = true;
      }
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      if (wasQuoted && !broken) {
        issues.push({ line, message: 'text after a closing quote' });
        broken = true;
      }
      field += ch;
    }
  }
  if (quoted) issues.push({ line: rowLine, message: 'unterminated quoted field' });
  else if (field !== '' || fields.length > 0) endRow();
  return rows;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Why `s` is not a full ISO 8601 date-time with a zone, or undefined when it is one. */
function iso8601Problem(s: string): string | undefined {
  const m = ISO.exec(s);
  if (!m) return 'expected YYYY-MM-DDTHH:MM[:SS] followed by Z or ±HH:MM';
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12) return `month ${month}`;
  if (day < 1 || day > daysInMonth) return `day ${day} of month ${month}`;
  if (hour > 23 || minute > 59 || second > 59) return 'time of day out of range';
  return undefined;
}

/**
 * Lateness and penalty of a submission received at `submittedAt` under `policy`.
 *
 * The rule: lateness is counted in the policy's unit (`day` = 24 h, `hour`); every started unit
 * costs `penaltyPercent` of the earned score (1.5 days late at 10 %/day → 2 units → 20 %), capped
 * at 100 %; lateness of more than `maxLate` units (exactly `maxLate` is still accepted) scores 0.
 * Returns undefined when the submission is on time.
 */
export function lateInfo(score: number, due: string, policy: LatePolicy, submittedAt: string): LateInfo | undefined {
  const lateMs = Date.parse(submittedAt) - Date.parse(due);
  if (Number.isNaN(lateMs)) throw new RangeError(`cannot compare submission time "${submittedAt}" with due date "${due}"`);
  if (lateMs <= 0) return undefined;
  const hoursLate = lateMs / HOUR_MS;
  const units = policy.per === 'day' ? hoursLate / 24 : hoursLate;
  const unitsCharged = Math.ceil(units);
  const penaltyPercent = units > policy.maxLate ? 100 : Math.min(100, unitsCharged * policy.penaltyPercent);
  return {
    submittedAt,
    hoursLate: roundPoints(hoursLate),
    unitsCharged,
    penaltyPercent: roundPoints(penaltyPercent),
    // Rounding to the gradebook's precision must not take more than the score itself.
    penalty: Math.min(score, roundPoints((score * penaltyPercent) / 100)),
  };
}

/** The gradebook total for a score after a late penalty charged in percent. */
export function totalAfterLate(score: number, late: LateInfo | undefined): number {
  if (!late) return roundPoints(score);
  return Math.min(roundPoints(score), Math.max(0, roundPoints(score - (score * late.penaltyPercent) / 100)));
}

/**
 * Sets `late` and `total` of a result from the assignment's due date and late policy. Without a
 * due date, a policy or a submission time the result is taken as on time.
 */
export function applyLatePolicy(result: SubmissionResult, assignment: Assignment, submittedAt?: string): SubmissionResult {
  const { late: _previous, ...rest } = result;
  const late =
    submittedAt !== undefined && assignment.due !== undefined && assignment.latePolicy !== undefined
      ? lateInfo(result.score, assignment.due, assignment.latePolicy, submittedAt)
      : undefined;
  return late ? { ...rest, late, total: totalAfterLate(result.score, late) } : { ...rest, total: totalAfterLate(result.score, undefined) };
}
