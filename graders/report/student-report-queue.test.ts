import { existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshOutDir, sampleContext, sampleResults } from '../../tests/support/report-sample.ts';
import { readTree } from '../../tests/support/tree.ts';
import { writeReports } from './index.ts';
import { REPORTERS } from './registry.ts';
import { studentReportQueue } from './student-report-queue.ts';
import type { Reporter } from './types.ts';

const PER_STUDENT = ['dlgrade.json', 'results.json', 'feedback.md', 'feedback.html', 'feedback-ta.md', 'feedback-ta.html'];

describe('studentReportQueue', () => {
  it('leaves the same files as writing every report at the end, whichever students were queued in whatever order', async () => {
    const whole = sampleContext();
    await writeReports(whole, REPORTERS);
    const expected = await readTree(whole.outDir);
    const students = sampleResults().map((r) => r.student);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(students), async (queued) => {
        const ctx = sampleContext(freshOutDir());
        const queue = studentReportQueue({ assignment: ctx.assignment, outDir: ctx.outDir, run: ctx.run }, REPORTERS);
        for (const id of queued) queue.add(ctx.results.find((r) => r.student === id)!);
        const written = await queue.flush();
        expect([...written].sort()).toEqual([...queued].sort());
        // Before the class part, a queued student has every own file and the class has none.
        for (const id of queued) for (const file of PER_STUDENT) expect(existsSync(path.join(ctx.outDir, id, file)), `${id}/${file}`).toBe(true);
        expect(existsSync(path.join(ctx.outDir, 'summary.json'))).toBe(false);
        await writeReports(ctx, REPORTERS, { studentsWritten: written });
        expect(await readTree(ctx.outDir)).toEqual(expected);
      }),
      { numRuns: 8 },
    );
  });

  it('skips the per-student part of the students it is told are written', async () => {
    const ctx = sampleContext();
    const [first, ...rest] = ctx.results.map((r) => r.student);
    await writeReports(ctx, REPORTERS, { studentsWritten: new Set(rest) });
    expect(existsSync(path.join(ctx.outDir, first!, 'feedback.html'))).toBe(true);
    for (const id of rest) expect(existsSync(path.join(ctx.outDir, id))).toBe(false);
    expect(existsSync(path.join(ctx.outDir, 'summary.json'))).toBe(true);
  });

  it('reports a failed write at flush and writes no student after it', async () => {
    const ctx = sampleContext();
    const [a, b, c] = ctx.results;
    const failing: Reporter = {
      name: 'failing',
      async student(result) {
        if (result.student === b!.student) throw new Error(`cannot write ${result.student}`);
      },
    };
    const queue = studentReportQueue(ctx, [failing, ...REPORTERS]);
    queue.add(a!);
    queue.add(b!);
    queue.add(c!);
    // Let the chain run to the failure before anyone awaits it: it must not reject unobserved.
    await new Promise((r) => setTimeout(r, 50));
    await expect(queue.flush()).rejects.toThrow(`cannot write ${b!.student}`);
    expect(existsSync(path.join(ctx.outDir, a!.student, 'feedback.html'))).toBe(true);
    expect(existsSync(path.join(ctx.outDir, c!.student))).toBe(false);
  });
});
