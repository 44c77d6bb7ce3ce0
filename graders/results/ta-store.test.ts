import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshOutDir, sampleAssignment } from '../../tests/support/report-sample.ts';
import { answerHash, applyTaEntries, changesSince, readTaStore, StaleStoreError, TaEntryError, taStorePath, type TaEntry } from './ta-store.ts';

const assignment = sampleAssignment();
const textPart = assignment.questions.flatMap((q) => q.parts).find((p) => p.kind === 'text')!;
const autoPart = assignment.questions.flatMap((q) => q.parts).find((p) => p.kind !== 'text')!;
const hash = answerHash('Depth: a ReLU between the two layers.');
const score = (student: string, s: number, comment?: string, part = textPart.id): TaEntry => ({ kind: 'score', student, part, score: s, answerHash: hash, ...(comment ? { comment } : {}) });

function storeFile(): string {
  return taStorePath(freshOutDir('dlgrade-store-'));
}

describe('the TA store', () => {
  it('is empty before anything is entered, and keeps every entry of later writes', async () => {
    const file = storeFile();
    expect((await readTaStore(file, assignment.id)).revision).toBe(0);
    await applyTaEntries(file, [score('alice', 1), { kind: 'time', student: 'bob', submittedAt: '2025-03-02T10:00:00Z' }], { source: 'sheet-1.yaml', assignment });
    const { store, changes } = await applyTaEntries(file, [score('carol', 0.5, 'half')], { source: 'sheet-2.yaml', assignment });
    expect(store.revision).toBe(2);
    expect(changes).toMatchObject([{ kind: 'score', student: 'carol', part: textPart.id, after: { score: 0.5, comment: 'half' }, source: 'sheet-2.yaml', revision: 2 }]);
    const read = await readTaStore(file, assignment.id);
    expect(Object.keys(read.scores).sort()).toEqual(['alice', 'carol']);
    expect(read.times.bob?.submittedAt).toBe('2025-03-02T10:00:00Z');
  });

  it('replaces an earlier score of the same part and lists it; an entry that changes nothing is not listed', async () => {
    const file = storeFile();
    await applyTaEntries(file, [score('alice', 0.5)], { source: 'a', assignment });
    const again = await applyTaEntries(file, [score('alice', 0.5)], { source: 'b', assignment });
    expect(again.changes).toEqual([]);
    expect(again.store.revision).toBe(1);
    const replaced = await applyTaEntries(file, [score('alice', 1, 'good')], { source: 'c', assignment });
    expect(replaced.changes).toMatchObject([{ before: { score: 0.5 }, after: { score: 1, comment: 'good' } }]);
    expect((await readTaStore(file, assignment.id)).scores.alice?.[textPart.id]?.score).toBe(1);
  });

  it('stores a set of entries all at once or not at all: one bad entry stores nothing', async () => {
    const file = storeFile();
    await applyTaEntries(file, [score('alice', 1)], { source: 'a', assignment });
    const bad: TaEntry[] = [score('bob', 1), score('carol', textPart.points + 1), score('dave', 1, undefined, autoPart.id), { kind: 'time', student: 'erin', submittedAt: 'yesterday' }];
    const attempt = applyTaEntries(file, bad, { source: 'b', assignment });
    await expect(attempt).rejects.toBeInstanceOf(TaEntryError);
    await attempt.catch((err: TaEntryError) => expect(err.problems).toHaveLength(3));
    const store = await readTaStore(file, assignment.id);
    expect(store.revision).toBe(1);
    expect(Object.keys(store.scores)).toEqual(['alice']);
  });

  it('refuses a stale write, saying what changed since, and writes nothing', async () => {
    const file = storeFile();
    const seen = (await applyTaEntries(file, [score('alice', 1)], { source: 'page', assignment })).store.revision;
    await applyTaEntries(file, [score('bob', 0.5)], { source: 'other TA', assignment });
    const stale = applyTaEntries(file, [score('alice', 0)], { source: 'page', assignment, expectedRevision: seen });
    await expect(stale).rejects.toBeInstanceOf(StaleStoreError);
    await stale.catch((err: StaleStoreError) => expect(err.changes.map((c) => c.student)).toEqual(['bob']));
    const store = await readTaStore(file, assignment.id);
    expect(store.scores.alice?.[textPart.id]?.score).toBe(1);
    expect(changesSince(store, seen).map((c) => c.source)).toEqual(['other TA']);
    await applyTaEntries(file, [score('alice', 0)], { source: 'page', assignment, expectedRevision: store.revision });
  });

  it('withdraws a score or a time', async () => {
    const file = storeFile();
    await applyTaEntries(file, [score('alice', 1), { kind: 'time', student: 'alice', submittedAt: '2025-03-02T10:00:00Z' }], { source: 'a', assignment });
    const { store, changes } = await applyTaEntries(file, [{ kind: 'withdraw-score', student: 'alice', part: textPart.id }, { kind: 'withdraw-time', student: 'alice' }], { source: 'b', assignment });
    expect(store.scores).toEqual({});
    expect(store.times).toEqual({});
    expect(changes.map((c) => [c.kind, c.after])).toEqual([
      ['score', undefined],
      ['time', undefined],
    ]);
  });

  it('lets concurrent writers in one at a time, none lost', async () => {
    const file = storeFile();
    const students = Array.from({ length: 8 }, (_, i) => `s${i}`);
    await Promise.all(students.map((s) => applyTaEntries(file, [score(s, 1)], { source: s, assignment })));
    const store = await readTaStore(file, assignment.id);
    expect(store.revision).toBe(8);
    expect(Object.keys(store.scores).sort()).toEqual(students);
  });

  it('takes over the lock of a process that no longer exists', async () => {
    const file = storeFile();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path.join(path.dirname(file), `.${path.basename(file)}.lock`), dead);
    await applyTaEntries(file, [score('alice', 1)], { source: 'a', assignment });
    expect(existsSync(path.join(path.dirname(file), `.${path.basename(file)}.lock`))).toBe(false);
  });

  it('refuses a file that is not a store, or is the store of another assignment', async () => {
    const file = storeFile();
    await applyTaEntries(file, [score('alice', 1)], { source: 'a', assignment });
    await expect(readTaStore(file, 'other-hw')).rejects.toThrow(/for assignment "sample-hw"/);
    writeFileSync(file, '{ not json');
    await expect(readTaStore(file, assignment.id)).rejects.toThrow(/not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{ not json');
  });

  it('hashes answers so that only a change of words matters', () => {
    expect(answerHash('a  b\n c\n')).toBe(answerHash('a b c'));
    expect(answerHash('a b c')).not.toBe(answerHash('a b d'));
  });
});
