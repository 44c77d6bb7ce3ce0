import path from 'node:path';
import { create } from 'xmlbuilder2';
import { writeFileAtomic } from '../results/atomic-write.ts';
import type { PartResult, SubmissionResult } from '../results/result.ts';
import { points } from './markdown-text.ts';
import { partPlainText } from './part-text.ts';
import type { Reporter, ReportContext } from './types.ts';
import { NOT_PASSED } from './visibility.ts';

/**
 * JUnit XML for CI test panels: one testsuite per student, one testcase per part (classname the
 * student). A part that lost points is a failure carrying its feedback; a part pending manual
 * review is skipped. Texts are the student's view: a CI log is the student's to read.
 */
export function renderJunit(ctx: ReportContext): string {
  const failures = (r: SubmissionResult) => r.parts.filter((p) => NOT_PASSED.has(p.status)).length;
  const skipped = (r: SubmissionResult) => r.parts.filter((p) => p.status === 'pending').length;
  const sum = (f: (r: SubmissionResult) => number) => ctx.results.reduce((s, r) => s + f(r), 0);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: ctx.assignment.id,
    tests: String(sum((r) => r.parts.length)),
    failures: String(sum(failures)),
    errors: '0',
    skipped: String(sum(skipped)),
  });
  for (const result of ctx.results) {
    const suite = root.ele('testsuite', {
      name: result.student,
      tests: String(result.parts.length),
      failures: String(failures(result)),
      errors: '0',
      skipped: String(skipped(result)),
    });
    const props = suite.ele('properties');
    const property = (name: string, value: string | number) => props.ele('property', { name, value: String(value) });
    property('total', points(result.total));
    property('score', points(result.score));
    property('max', points(result.max));
    property('pendingPoints', points(result.pendingPoints));
    property('assignmentTotal', points(ctx.assignment.total));
    property('visibleOnly', String(ctx.run.visibleOnly || result.visibleOnly));
    if (result.late) property('latePenaltyPercent', points(result.late.penaltyPercent));
    for (const part of result.parts) addTestcase(suite, result.student, part);
    if (result.problems.length > 0) suite.ele('system-err').txt(result.problems.join('\n'));
  }
  return root.end({ prettyPrint: true });
}

type XmlNode = ReturnType<ReturnType<typeof create>['ele']>;

function addTestcase(suite: XmlNode, student: string, part: PartResult): void {
  const testcase = suite.ele('testcase', { name: part.partId, classname: student });
  if (part.status === 'pending') {
    testcase.ele('skipped', { message: `pending manual review (${points(part.max)} points)` });
  } else if (NOT_PASSED.has(part.status)) {
    const message = `${part.status} (${points(part.score)} / ${points(part.max)}): ${part.feedback.replace(/\s+/g, ' ').trim()}`;
    testcase.ele('failure', { message, type: part.status }).txt(partPlainText(part, 'student').join('\n'));
  }
}

export const junitReporter: Reporter = {
  name: 'junit',
  classFiles: ['junit.xml'],
  async classWide(ctx) {
    await writeFileAtomic(path.join(ctx.outDir, 'junit.xml'), renderJunit(ctx));
  },
};
