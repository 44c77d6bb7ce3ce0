import path from 'node:path';
import { create } from 'xmlbuilder2';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { cleanText } from '../results/clean-text.ts';
import type { PartResult, SubmissionResult } from '../results/result.ts';
import { points } from './render/markdown-text.ts';
import { partPlainText } from './render/part-text.ts';
import type { Reporter, ReportContext } from './types.ts';
import { NOT_PASSED } from './render/visibility.ts';

/** Student code that crashed, timed out or misbehaved: a test *error*, not a wrong answer. */
const isError = (p: PartResult) => p.status === 'error';
const isFailure = (p: PartResult) => NOT_PASSED.has(p.status) && !isError(p);

/** Seconds with at most three decimals, as the Surefire/Jenkins schema's `time` expects. */
function seconds(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

/**
 * JUnit XML for CI test panels, in the Jenkins xUnit schema: one testsuite per student, one
 * testcase per part (classname the student), each with its grading time. A part that lost points
 * is a failure carrying its feedback, crashed or timed-out code an error, a part pending manual
 * review skipped. Texts are the student's view: a CI log is the student's to read. Every text is
 * cleaned of control characters, which XML 1.0 cannot hold.
 */
export function renderJunit(ctx: ReportContext): string {
  const count = (r: SubmissionResult, f: (p: PartResult) => boolean) => r.parts.filter(f).length;
  const sum = (f: (r: SubmissionResult) => number) => ctx.results.reduce((s, r) => s + f(r), 0);
  const time = (r: SubmissionResult) => r.durationMs ?? r.parts.reduce((s, p) => s + (p.durationMs ?? 0), 0);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: cleanText(ctx.assignment.id),
    time: seconds(sum(time)),
    tests: String(sum((r) => r.parts.length)),
    failures: String(sum((r) => count(r, isFailure))),
    errors: String(sum((r) => count(r, isError))),
  });
  for (const result of ctx.results) {
    const suite = root.ele('testsuite', {
      name: cleanText(result.student),
      tests: String(result.parts.length),
      failures: String(count(result, isFailure)),
      errors: String(count(result, isError)),
      skipped: String(count(result, (p) => p.status === 'pending')),
      time: seconds(time(result)),
    });
    const props = suite.ele('properties');
    const property = (name: string, value: string | number) => props.ele('property', { name, value: cleanText(String(value)) });
    property('total', points(result.total));
    property('score', points(result.score));
    property('max', points(result.max));
    property('pendingPoints', points(result.pendingPoints));
    property('assignmentTotal', points(ctx.assignment.total));
    property('visibleOnly', String(ctx.run.visibleOnly || result.visibleOnly));
    if (result.late) property('latePenaltyPercent', points(result.late.penaltyPercent));
    for (const part of result.parts) addTestcase(suite, result.student, part);
    if (result.problems.length > 0) suite.ele('system-err').txt(cleanText(result.problems.join('\n')));
  }
  return root.end({ prettyPrint: true });
}

type XmlNode = ReturnType<ReturnType<typeof create>['ele']>;

function addTestcase(suite: XmlNode, student: string, part: PartResult): void {
  const testcase = suite.ele('testcase', { name: cleanText(part.partId), classname: cleanText(student), time: seconds(part.durationMs) });
  if (part.status === 'pending') {
    testcase.ele('skipped', { message: `pending manual review (${points(part.max)} points)` });
  } else if (NOT_PASSED.has(part.status)) {
    const message = cleanText(`${part.status} (${points(part.score)} / ${points(part.max)}): ${part.feedback.replace(/\s+/g, ' ').trim()}`);
    testcase.ele(isError(part) ? 'error' : 'failure', { message, type: part.status }).txt(cleanText(partPlainText(part, 'student').join('\n')));
  }
}

export const junitReporter: Reporter = {
  name: 'junit',
  classFiles: ['junit.xml'],
  async classWide(ctx) {
    await writeFileAtomic(path.join(ctx.outDir, 'junit.xml'), renderJunit(ctx));
  },
};
