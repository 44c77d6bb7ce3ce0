import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

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

/** The value of `submitted_at` that removes a stored time (the student is on time again). */
export const NO_TIME = 'none';

/** One row of a times file: a time to store, or `none` to remove the stored one. */
export interface TimeRow {
  student: string;
  /** ISO 8601 with a zone, as written; null for `none`. */
  submittedAt: string | null;
  line: number;
}

/**
 * Reads `student,submitted_at` rows (header required, ISO 8601 times with a zone, or `none`).
 * Any bad row fails the whole file, so a typo never silently grades someone as on time.
 */
export function loadSubmissionTimes(file: string): TimeRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SubmissionTimesError(file, [{ line: 0, message: `cannot read the file (${(err as Error).message})` }]);
  }
  const issues: TimesIssue[] = [];
  // A broken record (a stray or unterminated quote) is listed and skipped, so the rows after it
  // are still checked and every bad line is listed at once.
  const records = parse(text, {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    skip_records_with_error: true,
    on_skip: (err: (Error & { lines?: number }) | undefined) => {
      if (err) issues.push({ line: err.lines ?? 0, message: firstLine(err.message) });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = records[0];
  if (!header) {
    throw new SubmissionTimesError(file, [{ line: 1, message: 'empty file; expected the header "student,submitted_at"' }]);
  }
  if (header.record.length !== 2 || header.record[0] !== 'student' || header.record[1] !== 'submitted_at') {
    issues.push({ line: header.info.lines, message: `expected the header "student,submitted_at", got "${header.record.join(',')}"` });
  }
  const rows: TimeRow[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== 2) {
      issues.push({ line, message: `expected 2 fields (student,submitted_at), got ${record.length}` });
      continue;
    }
    const [student, when] = record as [string, string];
    if (student === '') {
      issues.push({ line, message: 'empty student id' });
      continue;
    }
    if (seen.has(student)) {
      issues.push({ line, message: `student "${student}" appears twice` });
      continue;
    }
    seen.add(student);
    if (when === NO_TIME) {
      rows.push({ student, submittedAt: null, line });
      continue;
    }
    const why = iso8601Problem(when);
    if (why) {
      issues.push({ line, message: `"${when}" is not an ISO 8601 time with a zone (${why}), e.g. 2025-03-01T23:59:00Z, or "${NO_TIME}" to remove a stored time` });
      continue;
    }
    rows.push({ student, submittedAt: when, line });
  }
  if (issues.length > 0) throw new SubmissionTimesError(file, issues.sort((a, b) => a.line - b.line));
  return rows;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
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
