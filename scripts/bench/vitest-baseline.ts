import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pack } from '../../graders/pack/define-pack.ts';
import type { Assignment } from '../../graders/pack/types.ts';

/**
 * What a course would do without dlgrade: one vitest file per submission that imports the
 * student's solution.ts straight into the test process (no sandbox), checks each code part on
 * the answer key's test vectors against the reference's values, and checks each answer with
 * dlgrade's own checkers. Written once per course as `key.json` plus one small file per student.
 */
export async function writeVitestCourse(root: string, scratch: string, assignment: Assignment, solvers: Pack): Promise<string> {
  const parts = assignment.questions.flatMap((q) => q.parts);
  const expected: Record<string, unknown[]> = {};
  for (const p of parts) {
    if (p.kind !== 'code' && p.kind !== 'gradient') continue;
    const solver = solvers.solvers[p.solver];
    if (!solver) continue;
    expected[p.id] = p.vectors.map((v) => solver(...structuredClone(v.args)));
  }
  const key = path.join(scratch, 'key.json');
  await writeFile(key, JSON.stringify({ assignment, expected }));
  // Its own config, so the project's (which lists the project's tests) is not picked up.
  await writeFile(path.join(scratch, 'vitest.config.mjs'), "export default { test: { include: ['grading.test.ts'], pool: 'forks', testTimeout: 2000 } };\n");
  return key;
}

export function vitestFile(root: string, key: string): string {
  const r = (p: string) => JSON.stringify(path.join(root, p));
  return `import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { checkerFor } from ${r('graders/checkers/index.ts')};
import { readAnswers } from ${r('graders/submission/answers.ts')};
import { loadPackModule } from ${r('graders/pack/pack-module.ts')};
const { pack: registry } = await loadPackModule(${r('reference/dl-hw/index.ts')});

const { assignment, expected } = JSON.parse(readFileSync(${JSON.stringify(key)}, 'utf8'));
const parts = assignment.questions.flatMap((q: { parts: unknown[] }) => q.parts);
const close = (a: unknown, b: unknown): boolean =>
  typeof b === 'number' ? typeof a === 'number' && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b))
  : Array.isArray(b) ? Array.isArray(a) && a.length === b.length && b.every((x, i) => close(a[i], x))
  : b !== null && typeof b === 'object' ? a !== null && typeof a === 'object' && Object.keys(b).every((k) => close((a as any)[k], (b as any)[k]))
  : a === b;

const solution: Record<string, (...args: unknown[]) => unknown> = await import('./solution.ts').catch(() => ({}));
const answers = await readAnswers(dirname(fileURLToPath(import.meta.url)), assignment);

for (const part of parts) {
  test(part.id, async () => {
    if (part.kind === 'code' || part.kind === 'gradient') {
      part.vectors.forEach((v: { args: unknown[] }, i: number) => {
        expect(close(solution[part.function]?.(...structuredClone(v.args)), expected[part.id][i])).toBe(true);
      });
    } else {
      const answer = answers.status === 'ok' ? answers.answers.get(part.id) : undefined;
      const r = await checkerFor(part).check(part, answer, { assignmentId: assignment.id, studentId: 'x', seed: 1, solvers: registry, visibleOnly: true });
      expect(['passed', 'pending']).toContain(r.status);
    }
  });
}
`;
}

/** Runs `vitest run` on one submission's folder; resolves its wall time (a hang is killed at `killMs`). */
export function runVitest(root: string, scratch: string, dir: string, killMs: number): Promise<{ ms: number; outcome: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', path.join(scratch, 'vitest.config.mjs'), '--root', dir, '--reporter', 'dot'], {
      cwd: dir,
      stdio: 'ignore',
      // The student's code runs unsandboxed here: cap its heap so a bomb cannot take the machine.
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=512', CI: '1' },
      detached: true,
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, killMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - started, outcome: signal ? `killed after ${killMs} ms` : code === 0 ? 'passed' : 'failed' });
    });
  });
}
