import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshOutDir, referenceParts, resultOf, sampleAssignment } from '../../tests/support/report-sample.ts';
import { applyLatePolicy } from '../results/adjust.ts';
import { lateInfo } from '../results/score.ts';
import { loadSubmissionTimes, SubmissionTimesError } from './late.ts';

const due = '2025-03-01T23:59:00Z';
const hoursAfterDue = (h: number) => new Date(Date.parse(due) + h * 3_600_000).toISOString();

function timesFile(text: string): string {
  const file = path.join(freshOutDir('dlgrade-late-'), 'times.csv');
  writeFileSync(file, text);
  return file;
}

describe('applyLatePolicy', () => {
  // Auto-graded parts of the reference earn 80; 10 %/day, at most 3 days.
  const result = resultOf('alice', referenceParts());
  const assignment = sampleAssignment();

  it('charges every started day: 1.5 days late at 10 %/day is 2 days, 20 % off', () => {
    const late = applyLatePolicy(result, assignment, hoursAfterDue(36));
    expect(late.late).toEqual({ submittedAt: hoursAfterDue(36), hoursLate: 36, unitsCharged: 2, penaltyPercent: 20, penalty: 16 });
    expect(late.total).toBe(64);
    expect(late.score).toBe(80);
  });

  it('leaves an on-time submission untouched', () => {
    const onTime = applyLatePolicy(result, assignment, '2025-03-01T23:59:00Z');
    expect(onTime.late).toBeUndefined();
    expect(onTime.total).toBe(80);
  });

  it('scores 0 beyond maxLate units, but still accepts exactly maxLate', () => {
    expect(applyLatePolicy(result, assignment, hoursAfterDue(72)).total).toBe(56);
    const tooLate = applyLatePolicy(result, assignment, hoursAfterDue(72.01));
    expect(tooLate.total).toBe(0);
    expect(tooLate.late?.penaltyPercent).toBe(100);
  });

  it('charges started hours under an hourly policy', () => {
    const hourly = { ...assignment, latePolicy: { per: 'hour' as const, penaltyPercent: 5, maxLate: 10 } };
    const late = applyLatePolicy(result, hourly, hoursAfterDue(2.25));
    expect(late.late?.unitsCharged).toBe(3);
    expect(late.total).toBe(68);
  });

  it('takes a submission as on time without a time, a due date or a policy', () => {
    const previouslyLate = applyLatePolicy(result, assignment, hoursAfterDue(30));
    expect(applyLatePolicy(previouslyLate, assignment).late).toBeUndefined();
    expect(applyLatePolicy(previouslyLate, { ...assignment, latePolicy: undefined }, hoursAfterDue(30)).total).toBe(80);
  });

  it('rejects a time that cannot be read', () => {
    expect(() => applyLatePolicy(result, assignment, 'yesterday')).toThrow(RangeError);
  });

  it('never gives more than the score nor less than 0, and never rewards being later', () => {
    const policy = { per: 'day' as const, penaltyPercent: 15, maxLate: 5 };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (score, h, extra) => {
        const a = lateInfo(score, due, policy, hoursAfterDue(h));
        const b = lateInfo(score, due, policy, hoursAfterDue(h + extra));
        const pa = a?.penaltyPercent ?? 0;
        const pb = b?.penaltyPercent ?? 0;
        return pa >= 0 && pa <= 100 && pb >= pa && (a?.penalty ?? 0) <= score + 1e-9;
      }),
      // A score below the rounding precision, beyond the maximum lateness: the penalty once rounded up past the score.
      { examples: [[5e-7, 120.00000027774387, 0]] },
    );
  });
});

describe('loadSubmissionTimes', () => {
  it('reads student,submitted_at rows, quoted fields and CRLF included', () => {
    const file = timesFile('\uFEFFstudent,submitted_at\r\nalice,2025-03-01T20:00:00Z\r\n"bob",2025-03-02T10:30:00+02:00\r\n\r\n');
    expect(loadSubmissionTimes(file)).toEqual([
      { student: 'alice', submittedAt: '2025-03-01T20:00:00Z', line: 2 },
      { student: 'bob', submittedAt: '2025-03-02T10:30:00+02:00', line: 3 },
    ]);
  });

  it('reads `none` as the removal of a stored time', () => {
    const file = timesFile('student,submitted_at\nalice,none\n');
    expect(loadSubmissionTimes(file)).toEqual([{ student: 'alice', submittedAt: null, line: 2 }]);
  });

  it('requires the header', () => {
    const file = timesFile('alice,2025-03-01T20:00:00Z\n');
    expect(() => loadSubmissionTimes(file)).toThrow(/line 1: expected the header/);
  });

  it('lists every bad row with its line', () => {
    const file = timesFile(['student,submitted_at', 'alice,2025-03-01T20:00:00Z', 'bob,2025-02-30T10:00:00Z', 'carol,2025-03-01 10:00', 'dave', 'alice,2025-03-01T21:00:00Z', 'erin,"2025-03-01T21:00:00Z'].join('\n'));
    try {
      loadSubmissionTimes(file);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SubmissionTimesError);
      const issues = (err as SubmissionTimesError).issues;
      expect(issues.map((i) => i.line)).toEqual([3, 4, 5, 6, 7]);
      expect(issues[0]?.message).toMatch(/day 30 of month 2/);
      expect(issues[2]?.message).toMatch(/expected 2 fields/);
      expect(issues[3]?.message).toMatch(/appears twice/);
      expect(issues[4]?.message).toMatch(/Quote Not Closed/);
    }
  });

  it('reports a file that cannot be read', () => {
    expect(() => loadSubmissionTimes('/nonexistent/times.csv')).toThrow(SubmissionTimesError);
  });
});
