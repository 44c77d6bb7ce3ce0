import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type SyntheticKind = 'honest' | 'mistaken' | 'hostile';

/** Share of each kind in a synthetic course, fixed so runs at different N compare. */
export const PROPORTIONS: Readonly<Record<SyntheticKind, number>> = { honest: 0.6, mistaken: 0.3, hostile: 0.1 };

// Mistaken: the shipped students' own submissions, and the reference answers with a known wrong
// function. Hostile: fixtures that need nothing beside them (no target.json), none of which can
// take memory outside the sandbox's caps.
const MISTAKEN_SUBMISSIONS = ['alex-kim', 'bea-novak', 'chen-li', 'sample-scan'];
const MISTAKEN_SOLUTIONS = ['clip-elementwise', 'kl-no-half', 'lstm-gate-order', 'skipgram-m-instead-of-2m', 'skipgram-single-context-grad'];
const HOSTILE = ['process-exit', 'kill-parent', 'tampered-builtins', 'throwing-getter', 'console-flood', 'wrong-shape', 'heap-bomb', 'loop-in-function', 'returns-nan', 'promise-return'];

export interface SyntheticSubmission {
  id: string;
  dir: string;
  kind: SyntheticKind;
  /** Where it came from, e.g. `hostile/loop-in-function`. */
  source: string;
}

/** A small deterministic PRNG (mulberry32), so a seed always gives the same course. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `n` submissions under `dir`, in fixed proportions of each kind, shuffled by `seed`. */
export async function writeSyntheticCourse(root: string, dir: string, n: number, seed: number): Promise<SyntheticSubmission[]> {
  const random = prng(seed);
  const hostile = Math.round(n * PROPORTIONS.hostile);
  const mistaken = Math.round(n * PROPORTIONS.mistaken);
  const kinds: SyntheticKind[] = [
    ...Array<SyntheticKind>(n - hostile - mistaken).fill('honest'),
    ...Array<SyntheticKind>(mistaken).fill('mistaken'),
    ...Array<SyntheticKind>(hostile).fill('hostile'),
  ];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  return writeKinds(root, dir, kinds);
}

/** How many distinct sources each kind draws from (the course cycles through them in order). */
export const SOURCE_COUNTS: Readonly<Record<SyntheticKind, number>> = {
  honest: 1,
  mistaken: MISTAKEN_SUBMISSIONS.length + MISTAKEN_SOLUTIONS.length,
  hostile: HOSTILE.length,
};

/**
 * A class with every source of the synthetic courses once (`honest` copies of the reference, each
 * its own student with its own seeds), in a fixed order: the smallest class on which every kind of
 * submission the bench grades is graded.
 */
export async function writeEverySource(root: string, dir: string, honest: number): Promise<SyntheticSubmission[]> {
  const kinds: SyntheticKind[] = [
    ...Array<SyntheticKind>(honest).fill('honest'),
    ...Array<SyntheticKind>(SOURCE_COUNTS.mistaken).fill('mistaken'),
    ...Array<SyntheticKind>(SOURCE_COUNTS.hostile).fill('hostile'),
  ];
  return writeKinds(root, dir, kinds);
}

/** `n` copies of the reference submission, each its own student (the TA command's class). */
export function writeHonestCopies(root: string, dir: string, n: number): Promise<SyntheticSubmission[]> {
  return writeKinds(root, dir, Array<SyntheticKind>(n).fill('honest'));
}

async function writeKinds(root: string, dir: string, kinds: readonly SyntheticKind[]): Promise<SyntheticSubmission[]> {
  const n = kinds.length;
  const width = String(n).length;
  const out: SyntheticSubmission[] = [];
  const counters = { honest: 0, mistaken: 0, hostile: 0 };
  for (const [i, kind] of kinds.entries()) {
    const id = `s${String(i + 1).padStart(width, '0')}`;
    const target = path.join(dir, id);
    await mkdir(target, { recursive: true });
    const k = counters[kind]++;
    let source: string;
    if (kind === 'honest') {
      source = 'submissions/dl-hw/reference';
      await cp(path.join(root, source), target, { recursive: true });
    } else if (kind === 'mistaken') {
      const pool = [...MISTAKEN_SUBMISSIONS.map((s) => `submissions/dl-hw/${s}`), ...MISTAKEN_SOLUTIONS.map((s) => `tests/fixtures/solutions/${s}.ts`)];
      source = pool[k % pool.length]!;
      if (source.endsWith('.ts')) {
        await cp(path.join(root, 'submissions/dl-hw/reference/answers.yaml'), path.join(target, 'answers.yaml'));
        await cp(path.join(root, source), path.join(target, 'solution.ts'));
      } else {
        await cp(path.join(root, source), target, { recursive: true });
      }
    } else {
      source = `tests/fixtures/hostile/${HOSTILE[k % HOSTILE.length]}`;
      await cp(path.join(root, 'submissions/dl-hw/reference/answers.yaml'), path.join(target, 'answers.yaml'));
      await cp(path.join(root, source, 'solution.ts'), path.join(target, 'solution.ts'));
    }
    // A per-student comment makes every submission's content (and fingerprint) its own.
    await writeFile(path.join(target, 'NOTES.md'), `Synthetic submission ${id} (${kind}, from ${source}).\n`);
    out.push({ id, dir: target, kind, source });
  }
  return out;
}
