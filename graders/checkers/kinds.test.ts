/**
 * The kind contract: every entry of the kind list brings every piece (schema fragment,
 * conversion, rules, check, self-test answers and mistakes, public form, answer hint), the
 * shipped packs use every kind, and on those parts each kind's own self-test answer passes its
 * own check, each of its own known mistakes is recognised by it, and its public form reveals
 * nothing that grades while still reading the answer.
 *
 * Kinds answered with a function of the student's code (code, gradient) are graded through the
 * self-test engine with the real sandbox, as `dlgrade selftest` does; the others through their
 * check, directly.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { selftestPack } from '../engine/selftest.ts';
import { partSeed } from '../engine/seed.ts';
import { EMPTY_PACK, type Pack } from '../pack/define-pack.ts';
import { loadAssignment } from '../pack/load.ts';
import { publishPack, writePublished } from '../pack/publish.ts';
import { drawVariants, hasVariants, studentView } from '../pack/variant-binding.ts';
import type { Assignment, PartSpec } from '../pack/types.ts';
import { sandboxOpener } from '../sandbox/open-code.ts';
import type { JsonSchema } from './kind.ts';
import { KINDS, PART_KINDS, kindOf, type PartKind } from './kinds.ts';
import { questionSchema } from './question-schema.ts';
import type { CheckContext } from './types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHIPPED = ['specs/dl-hw', 'specs/nn-basics'];

interface Shipped {
  assignment: Assignment;
  pack: Pack;
  /** The part's YAML as written, by part id. */
  raw: Map<string, Record<string, unknown>>;
}

const shipped: Shipped[] = [];
/** Per kind, the first shipped part of it with known mistakes (else the first of it), and its pack. */
const samples = new Map<PartKind, { part: PartSpec; from: Shipped }>();

beforeAll(async () => {
  for (const dir of SHIPPED) {
    const loaded = await loadAssignment(path.join(ROOT, dir));
    if (!loaded.assignment) throw new Error(`${dir} does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
    const raw = new Map<string, Record<string, unknown>>();
    for (const q of loaded.assignment.questions) {
      const doc = parse(await readFile(q.file, 'utf8')) as { parts: Record<string, unknown>[] };
      for (const p of doc.parts) raw.set(String(p.id), p);
    }
    const entry: Shipped = { assignment: loaded.assignment, pack: loaded.pack, raw };
    shipped.push(entry);
    for (const part of loaded.assignment.questions.flatMap((q) => q.parts)) {
      const known = samples.get(part.kind);
      const hasMistakes = 'mistakes' in part && part.mistakes.length > 0;
      const knownHas = known !== undefined && 'mistakes' in known.part && known.part.mistakes.length > 0;
      if (!known || (hasMistakes && !knownHas)) samples.set(part.kind, { part, from: entry });
    }
  }
}, 120_000);

function contextFor(part: PartSpec, from: Shipped, solvers: Pack = from.pack): CheckContext {
  return { assignmentId: from.assignment.id, studentId: 'contract', seed: partSeed(from.assignment.id, part.id, 'contract'), solvers, visibleOnly: false };
}

function sample(kind: PartKind): { part: PartSpec; from: Shipped } {
  const s = samples.get(kind);
  if (!s) throw new Error(`no shipped pack (${SHIPPED.join(', ')}) has a part of kind "${kind}": add one, with known mistakes, so the contract can exercise it`);
  return s;
}

describe.each(PART_KINDS)('the %s kind', (kind) => {
  const k = KINDS[kind];

  it('is listed under its own name and brings every piece', () => {
    expect(k.kind).toBe(kind);
    expect(['answers', 'solution']).toContain(k.answeredIn);
    for (const piece of ['convert', 'names', 'rules', 'referenceRules', 'check', 'publish', 'answerHint'] as const) expect({ piece, type: typeof k[piece] }).toEqual({ piece, type: 'function' });
    for (const piece of ['reference', 'mistake'] as const) expect({ piece, type: typeof k.selftest?.[piece] }).toEqual({ piece, type: 'function' });
  });

  it('has a schema fragment that describes every field, and is part of the question schema', () => {
    const { schema } = k;
    expect(schema.description.length).toBeGreaterThan(4);
    expect(schema.kindDescription.length).toBeGreaterThan(4);
    expect(Object.keys(schema.properties).length).toBeGreaterThan(0);
    for (const [name, field] of Object.entries(schema.properties)) expect({ name, description: typeof field.description }).toEqual({ name, description: 'string' });
    for (const name of schema.required) expect(Object.keys(schema.properties)).toContain(name);
    const definitions = questionSchema().definitions as Record<string, JsonSchema>;
    const part = definitions.part as { properties: { kind: { enum: string[] } } };
    expect(part.properties.kind.enum).toContain(kind);
    const own = Object.values(definitions).find((d) => (d.properties as Record<string, { const?: string }> | undefined)?.kind?.const === kind);
    expect(own, `no definition of the question schema has kind: ${kind}`).toBeDefined();
    expect(Object.keys(own!.properties as object)).toEqual(expect.arrayContaining(Object.keys(schema.properties)));
  });

  it('names the field of a known mistake that recognises it, when it has mistakes', () => {
    const mistakes = k.schema.properties.mistakes as { items: { properties: Record<string, unknown> } } | undefined;
    if (k.mistakeMatcher === undefined) {
      expect(mistakes, `${kind} has a mistakes field but no mistakeMatcher`).toBeUndefined();
      return;
    }
    expect(mistakes, `${kind} names the mistake matcher "${k.mistakeMatcher}" but has no mistakes field`).toBeDefined();
    expect(Object.keys(mistakes!.items.properties)).toContain(k.mistakeMatcher);
  });

  it('is used by a shipped pack, with known mistakes when it has any', () => {
    const { part } = sample(kind);
    if (k.mistakeMatcher !== undefined) expect('mistakes' in part && part.mistakes.length > 0, `no shipped part of kind ${kind} lists a known mistake`).toBe(true);
  });

  it('converts its YAML to the part the loader holds, and names only what the pack has', () => {
    const { part, from } = sample(kind);
    const { id, points, prompt, visibility } = part;
    const converted = k.convert(from.raw.get(part.id)!, { ...part, id, points, prompt, visibility } as never);
    expect(converted).toEqual(part);
    for (const use of k.names(part as never)) expect({ name: use.name, known: Object.hasOwn(from.pack[use.table] as object, use.name) }).toEqual({ name: use.name, known: true });
    expect(k.answerHint(part as never).length).toBeGreaterThan(0);
  });

  it('passes its own self-test answer and recognises each of its own known mistakes', async () => {
    const { part, from } = sample(kind);
    if (k.answeredIn === 'solution') {
      // Student code runs only in the sandbox: grade the part alone through the self-test engine.
      const work = await mkdtemp(path.join(os.tmpdir(), `dlgrade-contract-${kind}-`));
      try {
        const q = from.assignment.questions.find((x) => x.parts.includes(part))!;
        const single: Assignment = { ...from.assignment, total: part.points, questions: [{ ...q, parts: [part] }] };
        const { cases } = await selftestPack(single, { solvers: from.pack, openCode: sandboxOpener(), workDir: work, jobs: 1 });
        const mistakes = 'mistakes' in part ? part.mistakes.map((m) => m.id) : [];
        expect(cases.map((c) => c.case)).toEqual(['reference', ...mistakes]);
        for (const c of cases) expect({ case: c.case, got: c.got, ok: c.ok }).toEqual({ case: c.case, got: c.got, ok: true });
      } finally {
        await rm(work, { recursive: true, force: true });
      }
      return;
    }
    const ctx = contextFor(part, from);
    const reference = k.selftest.reference(part as never, from.pack);
    expect('answer' in reference, `${kind}'s self-test gives no answer: ${JSON.stringify(reference)}`).toBe(true);
    const right = await k.check(part as never, (reference as { answer: unknown }).answer, ctx);
    if (kind === 'text') expect(right.status).toBe('pending');
    else expect({ status: right.status, score: right.score, feedback: right.feedback }).toMatchObject({ status: 'passed', score: part.points });
    for (const m of 'mistakes' in part ? part.mistakes : []) {
      const wrong = k.selftest.mistake(part as never, m as never, from.pack);
      expect('answer' in wrong, `${kind}'s self-test gives no answer for the mistake ${m.id}`).toBe(true);
      const r = await k.check(part as never, (wrong as { answer: unknown }).answer, ctx);
      expect({ mistake: r.mistake, feedback: r.feedback.includes(m.feedback) }).toEqual({ mistake: m.id, feedback: true });
      if (m.credit < 1) expect(r.score, `${part.id}: mistake ${m.id} gets full marks`).toBeLessThan(part.points);
    }
  });

  it('grades a blank answer missing and garbage invalid, without throwing', async () => {
    const { part, from } = sample(kind);
    if (k.answeredIn === 'solution') return;
    const ctx = contextFor(part, from);
    const blank = await k.check(part as never, undefined, ctx);
    expect({ status: blank.status, score: blank.score }).toEqual({ status: 'missing', score: 0 });
    const garbage = await k.check(part as never, { not: ['an', { answer: true }] }, ctx);
    // A hand-graded answer goes to the TA whatever it holds; every other kind refuses it.
    expect({ status: garbage.status, score: garbage.score }).toEqual({ status: kind === 'text' ? 'pending' : 'invalid', score: 0 });
    expect(garbage.feedback.length).toBeGreaterThan(10);
  });
});

describe('the public forms of every kind', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it.each(SHIPPED)('of %s hold no solver or mistake matcher, load as a public pack, and still read the right answer', async (dir) => {
    const from = shipped.find((s) => s.assignment.dir === path.join(ROOT, dir) || s.assignment.dir.endsWith(dir))!;
    const out = await mkdtemp(path.join(os.tmpdir(), 'dlgrade-contract-public-'));
    dirs.push(out);
    // A pack drawn per student has no shared copy: one student's own, and that student's right answers.
    const student = hasVariants(from.assignment) ? { id: 'contract', variants: drawVariants(from.assignment, 'contract-test-secret', 'contract') } : undefined;
    const view = studentView(from.assignment, from.pack, student?.variants ?? {});
    await writePublished(out, await publishPack(from.assignment, from.pack, student));
    const loaded = await loadAssignment(out);
    expect(loaded.errors).toEqual([]);
    const publicParts = new Map(loaded.assignment!.questions.flatMap((q) => q.parts).map((p) => [p.id, p]));
    for (const q of loaded.assignment!.questions) {
      const doc = parse(await readFile(q.file, 'utf8')) as { parts: Record<string, unknown>[] };
      for (const raw of doc.parts) {
        const original = from.assignment.questions.flatMap((x) => x.parts).find((p) => p.id === raw.id)!;
        const k = kindOf(original);
        expect({ part: raw.id, solver: raw.solver, answer: k.answeredIn === 'answers' ? raw.answer : undefined }).toEqual({ part: raw.id, solver: undefined, answer: undefined });
        for (const m of (raw.mistakes as Record<string, unknown>[] | undefined) ?? []) expect({ part: raw.id, matcher: k.mistakeMatcher && m[k.mistakeMatcher] }).toEqual({ part: raw.id, matcher: undefined });
        if (k.answeredIn !== 'answers') continue;
        const seen = view(original);
        const given = k.selftest.reference(seen.part, seen.pack);
        if (!('answer' in given)) continue;
        const publicPart = publicParts.get(original.id)!;
        const r = await kindOf(publicPart).check(publicPart, given.answer, contextFor(publicPart, from, EMPTY_PACK));
        expect({ part: original.id, status: r.status }).toEqual({ part: original.id, status: expect.stringMatching(/^(passed|pending)$/) });
      }
    }
  }, 60_000);
});
