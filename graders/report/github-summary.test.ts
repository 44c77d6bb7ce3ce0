import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshOutDir, HIDDEN_INPUT, sampleContext } from '../../tests/support/report-sample.ts';
import { markdownToHtml } from '../../tests/support/markdown-html.ts';
import { githubSummaryReporter, renderGithubSummary } from './github-summary.ts';
import { writeReports } from './index.ts';

const saved = process.env.GITHUB_STEP_SUMMARY;
afterEach(() => {
  if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = saved;
});

describe('GitHub job summary', () => {
  it('appends to $GITHUB_STEP_SUMMARY, keeping what earlier steps wrote', async () => {
    const file = path.join(freshOutDir('dlgrade-gh-'), 'summary.md');
    writeFileSync(file, '# Earlier step\n');
    process.env.GITHUB_STEP_SUMMARY = file;
    await writeReports(sampleContext(), [githubSummaryReporter]);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# Earlier step\n## Sample homework: dlgrade results')).toBe(true);
  });

  it('writes nothing when the variable is unset', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    const ctx = sampleContext();
    await expect(writeReports(ctx, [githubSummaryReporter])).resolves.toBeUndefined();
  });

  it('lists failing parts first with their feedback, and withholds hidden inputs', () => {
    const md = renderGithubSummary(sampleContext());
    const bob = md.slice(md.indexOf('### bob'), md.indexOf('### carol'));
    expect(bob).toContain('### bob: 26 / 100');
    const rows = bob.split('\n').filter((l) => l.startsWith('| `'));
    // Most points lost first: 20, 14 (partial), then 10 and 10 in spec order; then pending, then passed.
    expect(rows.slice(0, 4).map((r) => r.split('|')[1]?.trim())).toEqual(['`q2.1.kl_to_std_normal`', '`q4.4.weights`', '`q1.1.params_5x5`', '`q1.1.saving_limit_percent`']);
    expect(rows[4]).toContain('pending');
    expect(rows.at(-1)).toContain('passed');
    expect(bob).toContain('about 28%, not 80%');
    expect(md).not.toContain(HIDDEN_INPUT);
    expect(md).toContain('late: 20% off');
  });

  it('says when hidden checks were not run, and renders without raw HTML', () => {
    const md = renderGithubSummary(sampleContext(undefined, undefined, true));
    expect(md).toContain('hidden checks were not run');
    expect(markdownToHtml(md)).not.toMatch(/<script|<img/);
  });
});
