import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceParts, resultOf, SAMPLE_TEXT_PARTS, sampleAssignment } from '../../tests/support/report-sample.ts';
import { adjustResult } from './adjust.ts';
import type { PartResult } from './result.ts';
import { answerHash, emptyStore, type TaStore } from './ta-store.ts';

const assignment = sampleAssignment();
const graded = resultOf('alice', referenceParts());
const answerOf = (partId: string) => graded.parts.find((p) => p.partId === partId)!.answer;
const due = Date.parse(assignment.due!);

function store(scores: Record<string, { score: number; comment?: string; answer?: string }>, submittedAt?: string): TaStore {
  const s = emptyStore(assignment.id);
  s.scores.alice = Object.fromEntries(
    Object.entries(scores).map(([part, e]) => [part, { score: e.score, answerHash: answerHash(e.answer ?? answerOf(part)), source: 'test', ...(e.comment ? { comment: e.comment } : {}) }]),
  );
  if (submittedAt) s.times.alice = { submittedAt, source: 'test' };
  return s;
}

const part = (r: { parts: PartResult[] }, id: string) => r.parts.find((p) => p.partId === id)!;

describe('adjustResult', () => {
  it('applies a hand score with its comment and the late penalty from the stored time', () => {
    const adjusted = adjustResult(graded, store({ 'q1.1.benefit': { score: 2.5, comment: 'Half right.' } }, new Date(due + 36 * 3_600_000).toISOString()), assignment);
    expect(part(adjusted, 'q1.1.benefit')).toMatchObject({ status: 'partial', score: 2.5, feedback: 'Half right.', manual: { comment: 'Half right.' } });
    expect([adjusted.score, adjusted.pendingPoints, adjusted.late?.penaltyPercent, adjusted.total]).toEqual([82.5, 15, 20, 66]);
  });

  it('sets a score aside, with a note, when the answer changed since it was entered', () => {
    const adjusted = adjustResult(graded, store({ 'q1.1.benefit': { score: 5, answer: 'an older answer' } }), assignment);
    const p = part(adjusted, 'q1.1.benefit');
    expect(p.status).toBe('pending');
    expect(p.notes?.join(' ')).toMatch(/A TA scored an earlier answer to this part \(5 \/ 5\); the answer changed since/);
    expect(adjusted.pendingPoints).toBe(20);
  });

  it('reverts to the part as graded when a score is withdrawn', () => {
    const scored = adjustResult(graded, store({ 'q1.1.benefit': { score: 5 } }), assignment);
    expect(adjustResult(scored, emptyStore(assignment.id), assignment)).toEqual(adjustResult(graded, emptyStore(assignment.id), assignment));
  });

  const entry = fc.option(fc.record({ score: fc.integer({ min: 0, max: 10 }).map((x) => x / 2), comment: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: undefined }), stale: fc.boolean() }), { nil: undefined });
  const aStore = fc
    .record({ parts: fc.tuple(entry, entry, entry), hours: fc.option(fc.integer({ min: -48, max: 200 }), { nil: undefined }) })
    .map(({ parts, hours }) => {
      const scores: Record<string, { score: number; comment?: string; answer?: string }> = {};
      Object.keys(SAMPLE_TEXT_PARTS).forEach((id, i) => {
        const e = parts[i];
        if (!e) return;
        const max = SAMPLE_TEXT_PARTS[id as keyof typeof SAMPLE_TEXT_PARTS];
        scores[id] = { score: Math.min(e.score, max), ...(e.comment ? { comment: e.comment } : {}), ...(e.stale ? { answer: 'something else' } : {}) };
      });
      return store(scores, hours === undefined ? undefined : new Date(due + hours * 3_600_000).toISOString());
    });

  it('depends on the last store only, whatever was applied before (so every run may re-apply it)', () => {
    fc.assert(
      fc.property(aStore, aStore, (a, b) => {
        const fresh = adjustResult(graded, b, assignment);
        expect(adjustResult(adjustResult(graded, a, assignment), b, assignment)).toEqual(fresh);
        expect(adjustResult(fresh, b, assignment)).toEqual(fresh);
      }),
    );
  });

  it('adds exactly the scores that apply, and never more than the points', () => {
    fc.assert(
      fc.property(aStore, (s) => {
        const adjusted = adjustResult(graded, s, assignment);
        const applied = Object.entries(s.scores.alice ?? {}).filter(([id, e]) => e.answerHash === answerHash(answerOf(id)));
        expect(adjusted.score).toBeCloseTo(80 + applied.reduce((sum, [, e]) => sum + e.score, 0), 9);
        expect(adjusted.total).toBeLessThanOrEqual(adjusted.score);
        expect(adjusted.total).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
