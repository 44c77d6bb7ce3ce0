import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { shardOf } from '../graders/engine/shard.ts';
import { ROOT, runCli, tempDir } from './support/cli.ts';

interface Container {
  image: string;
  args: string[];
  env?: { name: string; value: string }[];
  volumeMounts?: { mountPath: string }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: { completionMode?: string; completions?: number; parallelism?: number; template?: { spec: { containers: Container[] } } };
}

async function manifests(): Promise<Record<string, Manifest>> {
  const dir = path.join(ROOT, 'deploy/k8s');
  const out: Record<string, Manifest> = {};
  for (const f of (await readdir(dir)).filter((n) => n.endsWith('.yaml'))) {
    for (const doc of parseAllDocuments(await readFile(path.join(dir, f), 'utf8'))) {
      expect(doc.errors, f).toEqual([]);
      const m = doc.toJS() as Manifest;
      expect(m.apiVersion && m.kind && m.metadata?.name, f).toBeTruthy();
      out[m.metadata.name] = m;
    }
  }
  return out;
}

const docs = () => readFile(path.join(ROOT, 'docs/scale.md'), 'utf8');
/** The lines of the docs' sh blocks that start with `prefix`. */
const docCommands = async (prefix: string) =>
  [...(await docs()).matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n')).filter((l) => l.startsWith(prefix));
const container = (m: Manifest) => m.spec.template!.spec.containers[0]!;
const version = async () => (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the container and the cluster recipe', () => {
  it('builds the image from Node 20 slim, util-linux and the packed grader', async () => {
    const dockerfile = await readFile(path.join(ROOT, 'Dockerfile'), 'utf8');
    const from = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(from.length).toBeGreaterThan(0);
    for (const image of from) expect(image).toMatch(/^node:20-[a-z]+-slim$/);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends util-linux/);
    expect(dockerfile).toMatch(/npm pack/);
    expect(dockerfile).toMatch(/npm install --global [^\n]*\/opt\/dlgrade\/dlgrade\.tgz/);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["dlgrade"\]$/m);
    expect(await readFile(path.join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^node_modules\/$/m);
  });

  it('names the image the docs build, tagged with the package version, in every Job', async () => {
    const built = (await docCommands('docker build -t ')).map((l) => l.split(' ')[3]);
    expect(built).toHaveLength(1);
    expect(built[0]).toMatch(new RegExp(`:${(await version()).replace(/\./g, '\\.')}$`));
    const all = await manifests();
    const jobs = Object.values(all).filter((m) => m.kind === 'Job');
    expect(jobs.map((j) => j.metadata.name).sort()).toEqual(['dlgrade-grade', 'dlgrade-merge']);
    for (const job of jobs) expect(container(job).image).toBe(built[0]);
    expect(all['dlgrade-data']?.kind).toBe('PersistentVolumeClaim');
    expect(all['dlgrade-no-network']?.kind).toBe('NetworkPolicy');
  });

  it('runs the commands the docs give: an Indexed Job of n shards with DLGRADE_SHARD_COUNT = n, then the merge of n folders', async () => {
    const all = await manifests();
    const grade = all['dlgrade-grade']!;
    expect(grade.spec).toMatchObject({ completionMode: 'Indexed' });
    const n = grade.spec.completions!;
    expect(grade.spec.parallelism).toBe(n);
    expect(container(grade).env).toContainEqual({ name: 'DLGRADE_SHARD_COUNT', value: String(n) });
    expect(await docCommands('dlgrade grade ')).toEqual([['dlgrade', ...container(grade).args].join(' ')]);
    const merge = container(all['dlgrade-merge']!);
    expect(await docCommands('dlgrade merge ')).toEqual([['dlgrade', ...merge.args].join(' ')]);
    expect(merge.args.filter((a) => a.startsWith('/data/reports/shard-'))).toEqual(Array.from({ length: n }, (_, i) => `/data/reports/shard-${i}`));
  });
});

describe('the Jobs\' commands, pod by pod, on the shipped samples', () => {
  let data: string;
  beforeAll(async () => {
    data = await tempDir('k8s');
    await cp(path.join(ROOT, 'specs'), path.join(data, 'course/specs'), { recursive: true });
    await cp(path.join(ROOT, 'reference'), path.join(data, 'course/reference'), { recursive: true });
    await cp(path.join(ROOT, 'submissions'), path.join(data, 'course/submissions'), { recursive: true });
  });
  afterAll(async () => {
    await rm(data, { recursive: true, force: true });
  });

  /** A container's args as the pod runs them: /data is the volume, $(VAR) filled in from its environment. */
  const podArgs = (c: Container, env: Record<string, string>) => c.args.map((a) => a.replace(/\$\((\w+)\)/g, (_m, v: string) => env[v]!).replace(/^\/data(?=\/|$)/, data));

  it('grades every student exactly once over the shards (--shard auto), and merges them into the class reports', async () => {
    const all = await manifests();
    const grade = container(all['dlgrade-grade']!);
    const n = all['dlgrade-grade']!.spec.completions!;
    const ids = (await readdir(path.join(data, 'course/submissions/dl-hw'))).sort();
    for (let index = 0; index < n; index++) {
      const env = { ...Object.fromEntries((grade.env ?? []).map((e) => [e.name, e.value])), JOB_COMPLETION_INDEX: String(index) };
      const run = await runCli(podArgs(grade, env), { env });
      expect(run.code, run.stderr).toBe(0);
      // A student's folder holds its dlgrade.json; the class's own folders (assets/) do not.
      const shardDir = path.join(data, `reports/shard-${index}`);
      const graded = (await readdir(shardDir, { withFileTypes: true })).filter((e) => e.isDirectory() && existsSync(path.join(shardDir, e.name, 'dlgrade.json'))).map((e) => e.name);
      expect(graded.sort()).toEqual(ids.filter((id) => shardOf(id, n) === index + 1));
    }
    const merged = await runCli(podArgs(container(all["dlgrade-merge"]!), {}));
    expect(merged.code, merged.stderr).toBe(0);
    const summary = JSON.parse(await readFile(path.join(data, 'reports/class/summary.json'), 'utf8')) as { students: { student: string }[] };
    expect(summary.students.map((s) => s.student)).toEqual(ids);
  }, 300_000);

  it('stops a pod whose environment lacks the index or the count, naming both', async () => {
    const grade = container((await manifests())['dlgrade-grade']!);
    for (const env of [{ DLGRADE_SHARD_COUNT: '4', JOB_COMPLETION_INDEX: undefined }, { JOB_COMPLETION_INDEX: '4', DLGRADE_SHARD_COUNT: '4' }, { JOB_COMPLETION_INDEX: '0', DLGRADE_SHARD_COUNT: undefined }]) {
      const run = await runCli(podArgs(grade, { JOB_COMPLETION_INDEX: 'x' }), { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/JOB_COMPLETION_INDEX.*DLGRADE_SHARD_COUNT/);
    }
  });
});
