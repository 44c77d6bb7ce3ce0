// --ta-command: the TA's own command, `npm run grade -- --jobs J`, on a folder of copies of one
// honest submission, against as many clean `node -e 0` starts J at a time (issue 15: within 3×).
// Everything the command costs counts: npm, the launcher's check of the bundle, the CLI's start,
// the pool, the sandboxes, every report.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './context.ts';
import { bareNode, CLEAN_ENV, inParallel } from './floors.ts';
import { loadAverage, sec } from './format.ts';
import { childrenCpuMs } from './process-cpu.ts';
import { writeHonestCopies } from './synthetic.ts';

// A TA's shell has none of the variables `npm run bench` (npm) set for this process.
function shellEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));
}

function npmRunGrade(root: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'grade', '--', ...args], { cwd: root, env: shellEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

export async function taCommandRun(ctx: BenchContext, copies: number): Promise<string[]> {
  const dir = path.join(ctx.scratch, 'ta-command');
  const subs = path.join(dir, 'submissions');
  await writeHonestCopies(ctx.root, subs, copies);
  const args = ['--jobs', String(ctx.jobs), '--submissions', subs, '--out', path.join(dir, 'reports')];

  const load = loadAverage(os.loadavg());
  const cpu0 = childrenCpuMs();
  const start = performance.now();
  const r = await npmRunGrade(ctx.root, args);
  const wallMs = performance.now() - start;
  const cpuMs = childrenCpuMs() - cpu0;
  if (r.code !== 0) throw new Error(`npm run grade -- ${args.join(' ')} exited ${r.code}:\n${r.stderr}`);

  const floorLoad = loadAverage(os.loadavg());
  const floorCpu0 = childrenCpuMs();
  const floorMs = await inParallel(copies, ctx.jobs, () => bareNode(CLEAN_ENV));
  const floorCpu = childrenCpuMs() - floorCpu0;
  return [
    `the TA's command: \`npm run grade -- --jobs ${ctx.jobs} --submissions DIR --out DIR\` on ${copies} copies of one honest submission (${load})`,
    `  wall ${sec(wallMs)}, CPU ${sec(cpuMs)} (${(cpuMs / copies).toFixed(0)} ms per submission, npm and every process it starts)`,
    ...(r.stderr.trim() ? [`  its stderr: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`] : []),
    `${copies} clean \`node -e 0\` starts (PATH only), ${ctx.jobs} at a time (${floorLoad})`,
    `  wall ${sec(floorMs)}, CPU ${sec(floorCpu)} (${(floorCpu / copies).toFixed(0)} ms each)`,
    `TA's command vs clean starts: wall ${(wallMs / floorMs).toFixed(1)}× (target ≤ 3×), CPU ${(cpuMs / floorCpu).toFixed(1)}×`,
  ];
}
