import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT, tempDir } from './support/cli.ts';

// Linux's cutime + cstime of this process: the CPU of every descendant it (or they) waited for.
function reapedChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

// The reference solution, made to spend a known amount of CPU (2.5 s in all, at most 6 ms in any
// one call, so that a batch of 100 calls stays under its 2 s limit with a third of a core) before
// it answers as the reference does.
const SPEND = `const SPEND_US = 2_500_000;
function spend(): void {
  const used = process.cpuUsage();
  if (used.user + used.system >= SPEND_US) return;
  const until = Math.min(SPEND_US, used.user + used.system + 6_000);
  for (let u = process.cpuUsage(); u.user + u.system < until; u = process.cpuUsage()) {
    // Spin.
  }
}
`;
async function spenderSolution(): Promise<string> {
  const reference = await readFile(path.join(ROOT, 'submissions/dl-hw/reference/solution.ts'), 'utf8');
  let functions = 0;
  const body = reference.replace(/(export function \w+\([^)]*\)[^{]*\{\n)/g, (head: string) => {
    functions++;
    return `${head}  spend();\n`;
  });
  expect(functions).toBeGreaterThanOrEqual(3);
  return `${SPEND}\n${body}`;
}

// The TA's command (`npm run grade`), which runs the bundle: through tsx, every process's own CPU
// varied by up to 1.6 s between runs beside the other test files, more than a spender can spend
// within its time limits.
function grade(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/dlgrade.mjs'), 'grade', '--spec', 'specs/dl-hw', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const dirs: string[] = [];
// A stale bundle is rebuilt here, before any CPU is counted (the script rebuilds it first).
beforeAll(() => {
  expect(spawnSync(process.execPath, [path.join(ROOT, 'scripts/dlgrade.mjs'), '--help'], { cwd: ROOT }).status).toBe(0);
}, 300_000);
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('the CPU a grading costs', () => {
  // The sandbox children are started and reaped by the grader's helper process: if that helper
  // ended unwaited, the children's CPU would vanish from the TA's `time` and from the bench.
  it.each([1, 2])('is all counted by whoever waits for `grade --jobs %i`, the sandbox children included', async (jobs) => {
    const counted = async (spender: boolean): Promise<number> => {
      const root = await tempDir('cpu');
      dirs.push(root);
      for (const id of ['a', 'b']) {
        await mkdir(path.join(root, 'subs', id), { recursive: true });
        await cp(path.join(ROOT, 'submissions/dl-hw/reference/answers.yaml'), path.join(root, 'subs', id, 'answers.yaml'));
        const solution = path.join(root, 'subs', id, 'solution.ts');
        if (spender && id === 'a') await writeFile(solution, await spenderSolution());
        else await cp(path.join(ROOT, 'submissions/dl-hw/reference/solution.ts'), solution);
      }
      const before = reapedChildrenCpuMs();
      const run = await grade(['--submissions', path.join(root, 'subs'), '--out', path.join(root, 'out'), '--jobs', String(jobs)]);
      expect(run.code, run.stderr).toBe(0);
      return reapedChildrenCpuMs() - before;
    };
    const honest = await counted(false);
    const withSpender = await counted(true);
    // The spender's child used 2.5 s more than an honest one (2.4 to 2.7 s more were counted);
    // the rest of the run varies by a few hundred ms. With the children's CPU lost, the
    // difference was about 0.
    expect(withSpender - honest, `${honest} ms honest, ${withSpender} ms with the spender`).toBeGreaterThanOrEqual(1200);
  });
});
