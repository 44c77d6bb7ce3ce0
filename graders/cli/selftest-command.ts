import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SELFTEST_VARIANTS, selftestPack, type SelftestCase, type SelftestReport } from '../engine/selftest.ts';
import { sandboxOpener } from '../sandbox/open-code.ts';
import { EXIT, type Io } from './errors.ts';
import { loadPackOrThrow } from './load-spec.ts';

/** Exit 0 when the reference gets full marks and every known mistake is recognised, else 1. */
export async function selftestCommand(dir: string, io: Io): Promise<number> {
  const { assignment, pack } = await loadPackOrThrow(dir, io);
  const work = await mkdtemp(path.join(os.tmpdir(), 'dlgrade-selftest-'));
  try {
    const report = await selftestPack(assignment, { solvers: pack, openCode: sandboxOpener(), workDir: work, jobs: Math.min(2, os.availableParallelism()) });
    const { cases } = report;
    io.stdout(renderVariants(report));
    io.stdout(renderTable(cases));
    const failed = cases.filter((c) => !c.ok);
    for (const c of failed) io.stderr(`FAIL ${c.part} ${c.case}: wanted ${c.want}, got ${c.got}${c.feedback ? `\n  feedback: ${c.feedback.split('\n')[0]}` : ''}\n`);
    // The plain closing line CI tools read: "N passed, N failed".
    io.stdout(`selftest: ${cases.length - failed.length} passed, ${failed.length} failed\n`);
    return failed.length === 0 ? EXIT.ok : EXIT.failUnder;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function renderTable(cases: SelftestCase[]): string {
  const rows = [['part', 'case', 'expected', 'graded', ''], ...cases.map((c) => [c.part, c.case, c.want, c.got, c.ok ? 'ok' : 'FAIL'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  const feedback = cases.filter((c) => c.ok && c.case !== 'reference' && c.feedback).map((c) => `  ${c.part} ${c.case}: ${c.feedback!.split('\n')[0]!.slice(0, 160)}`);
  return `${rows.map(line).join('\n')}\n\nFeedback shown for each known mistake:\n${feedback.join('\n')}\n\n`;
}

/** For a pack drawn per student, what the self-test drew instead of the class's numbers, and why no secret is needed. */
function renderVariants(report: SelftestReport): string {
  if (report.variants.length === 0) return '';
  const questions = Object.keys(report.variants[0]!.values);
  const lines = report.variants.map((v, i) => `  ${i + 1}: ${questions.map((q) => `${q} ${Object.entries(v.values[q]!.values).map(([k, x]) => `${k} = ${x}`).join(', ')}`).join('; ')}${i === 0 ? ' (the whole pack)' : ` (the parts that depend on it, cases marked @${i + 1})`}`);
  return (
    `${questions.length === 1 ? 'Question' : 'Questions'} ${questions.join(', ')} ${questions.length === 1 ? 'draws' : 'draw'} a variant per student. The self-test checks the pack, not a class: ` +
    `it needs no course secret and grades ${SELFTEST_VARIANTS} variants drawn with its own fixed key, the same on every machine:\n${lines.join('\n')}\n\n`
  );
}
