import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { selftestPack, type SelftestCase } from '../engine/selftest.ts';
import { sandboxOpener } from '../sandbox/open-code.ts';
import { EXIT, type Io } from './errors.ts';
import { loadPackOrThrow } from './load-spec.ts';

/** Exit 0 when the reference gets full marks and every known mistake is recognised, else 1. */
export async function selftestCommand(dir: string, io: Io): Promise<number> {
  const { assignment, pack } = await loadPackOrThrow(dir, io);
  const work = await mkdtemp(path.join(os.tmpdir(), 'dlgrade-selftest-'));
  try {
    const cases = await selftestPack(assignment, { solvers: pack, openCode: sandboxOpener(), workDir: work, jobs: Math.min(2, os.availableParallelism()) });
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
