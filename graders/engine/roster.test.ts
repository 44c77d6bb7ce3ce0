import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAssignment } from '../../tests/support/report-sample.ts';
import { loadRoster, notSubmittedResult, RosterError } from './roster.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dlgrade-roster-'));
let n = 0;
function file(text: string): string {
  const f = path.join(dir, `roster-${n++}.csv`);
  writeFileSync(f, text);
  return f;
}

const issues = (text: string, idColumn?: string): readonly string[] => {
  try {
    loadRoster(file(text), idColumn ? { idColumn } : {});
  } catch (err) {
    if (err instanceof RosterError) return err.issues;
    throw err;
  }
  return [];
};

describe('the class roster', () => {
  it('reads dlgrade\'s layout in any column order and case, with optional identity columns', () => {
    const roster = loadRoster(file('\uFEFFName,ID,Section\r\n"Kim, Alex",alex-kim,A\r\nBea,bea-novak,\r\n'));
    expect(roster.layout).toBe('roster');
    expect(roster.entries.map((e) => [e.id, e.identity])).toEqual([
      ['alex-kim', { name: 'Kim, Alex', section: 'A' }],
      ['bea-novak', { name: 'Bea' }],
    ]);
  });

  it('reads a Canvas gradebook export as it is: points row, test student and assignment ids', () => {
    const canvas = [
      'Student,ID,SIS User ID,SIS Login ID,Section,Deep learning homework (4242),Quiz 1 (77),Current Score',
      '    Points Possible,,,,,100,10,(read only)',
      '"Kim, Alex",101,1001,alex-kim,Section A,,8,80',
      '"Novak, Bea",102,1002,bea-novak,Section B,12,,70',
      '"Student, Test",999,,,Section A,,,',
    ].join('\n');
    const roster = loadRoster(file(canvas));
    expect(roster.layout).toBe('canvas');
    expect(roster.entries).toEqual([
      { id: 'alex-kim', line: 3, identity: { name: 'Kim, Alex', lmsId: '101', sisId: '1001', sisLoginId: 'alex-kim', section: 'Section A' } },
      { id: 'bea-novak', line: 4, identity: { name: 'Novak, Bea', lmsId: '102', sisId: '1002', sisLoginId: 'bea-novak', section: 'Section B' } },
    ]);
    expect(roster.canvasAssignments.get('Deep learning homework')).toBe('4242');
    // Folders named by the SIS User ID instead.
    expect(loadRoster(file(canvas.replace('"Student, Test",999,,,', '"Student, Test",999,1009,,')), { idColumn: 'SIS User ID' }).entries.map((e) => e.id)).toEqual(['1001', '1002', '1009']);
  });

  it('lists every bad line at once: no id column, empty, invalid or duplicate ids', () => {
    expect(issues('name,email\nA,a@x\n')[0]).toMatch(/line 1: expected an "id" column/);
    expect(issues('Student,ID,SIS User ID,Section\nA,1,2,S\n')[0]).toMatch(/"SIS Login ID" of this Canvas export/);
    expect(issues('id,name\n,Nobody\n../etc,Evil\n=cmd,Formula\na,A\na,Again\n"broken,x\n')).toEqual([
      'line 2: empty id',
      expect.stringMatching(/^line 3: "\.\.\/etc" is not a valid student id/),
      expect.stringMatching(/^line 4: "=cmd" is not a valid student id/),
      'line 6: "a" appears twice (first on line 5)',
      expect.stringMatching(/^line 7: /),
    ]);
    expect(issues('id\n')).toEqual(['no students listed']);
  });

  it('gives a student with no submission every part missing at 0, with the seeds a submission would have', () => {
    const assignment = sampleAssignment();
    const r = notSubmittedResult(assignment, 'dana', { seedSalt: '', visibleOnly: false });
    expect(r).toMatchObject({ status: 'not submitted', score: 0, total: 0, max: 100, pendingPoints: 0 });
    expect(r.parts.map((p) => p.status)).toEqual(assignment.questions.flatMap((q) => q.parts.map(() => 'missing')));
    expect(new Set(r.parts.map((p) => p.seed)).size).toBe(r.parts.length);
  });
});
