/**
 * The human-facing reports opened in a real browser (Debian's Chromium driven by playwright-core)
 * straight from disk, as a TA opens them: no server, no network, no scripts. The class pages come
 * from really grading `submissions/` against `specs/dl-hw`, with a filled-in review sheet merged
 * and one late submission; the hostile-answer page from hand-built results.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import registry from '../reference/dl-hw/index.ts';
import { gradeAll } from '../graders/engine/grade-all.ts';
import { applyLatePolicy } from '../graders/results/adjust.ts';
import { applyManual, loadManualSheet } from '../graders/engine/manual.ts';
import { exportReviewSheet } from '../graders/report/review-sheet.ts';
import type { SubmissionResult } from '../graders/results/result.ts';
import { classSummaryReporter } from '../graders/report/class-summary.ts';
import { feedbackReporter } from '../graders/report/feedback.ts';
import { junitReporter } from '../graders/report/junit.ts';
import { writeReports } from '../graders/report/index.ts';
import type { ReportContext } from '../graders/report/types.ts';
import { sandboxOpener } from '../graders/sandbox/open-code.ts';
import { loadAssignment } from '../graders/pack/load.ts';
import { discoverSubmissions } from '../graders/submission/discover.ts';
import { SCRIPT_ANSWER, sampleContext } from './support/report-sample.ts';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '..');
const TMP = path.resolve(import.meta.dirname, '.tmp');
const OUT = path.join(TMP, 'report-browser');
const OUT_HOSTILE = path.join(TMP, 'report-browser-hostile');
const LATE_STUDENT = 'chen-li';

let browser: Browser;
let graded: ReportContext;

/** Grades `submissions/` for real, merges full marks for the reference's text answers, makes one submission late. */
async function gradeClass(outDir: string): Promise<ReportContext> {
  const loaded = await loadAssignment(path.join(ROOT, 'specs', 'dl-hw'));
  if (!loaded.assignment) throw new Error(`specs/dl-hw does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const assignment = loaded.assignment;
  const { submissions } = await discoverSubmissions(path.join(ROOT, 'submissions/dl-hw'));
  const { results, faults } = await gradeAll({ assignment, submissions, outDir, jobs: 2, solvers: registry, openCode: sandboxOpener(), visibleOnly: false, seedSalt: '' });
  if (faults.length > 0) throw new Error(faults.map((f) => f.message).join('; '));
  const run = { version: 'test', spec: 'specs/dl-hw', visibleOnly: false, seedSalt: '' };

  const sheet = parseDocument(exportReviewSheet({ assignment, results, outDir, run }));
  const reference = results.find((r) => r.student === 'reference');
  for (const part of reference?.parts ?? []) if (part.status === 'pending') sheet.setIn(['reference', part.partId, 'score'], part.max);
  const sheetFile = path.join(outDir, 'review-filled.yaml');
  writeFileSync(sheetFile, sheet.toString());
  const { scores, errors } = loadManualSheet(sheetFile, assignment, results.map((r) => r.student));
  if (errors.length > 0) throw new Error(`review sheet: ${errors.map((e) => e.message).join('; ')}`);

  const dayAndAHalfLate = new Date(Date.parse(assignment.due ?? '2026-01-01T00:00:00Z') + 36 * 3_600_000).toISOString();
  const finished: SubmissionResult[] = results.map((r) => applyLatePolicy(applyManual(r, scores, assignment), assignment, r.student === LATE_STUDENT ? dayAndAHalfLate : undefined));
  return { assignment, results: finished, outDir, run };
}

/** Opens a page and records everything that would tell of a broken page. */
async function open(file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (req) => {
    if (!req.url().startsWith('file:')) problems.push(`request: ${req.url()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  for (const dir of [OUT, OUT_HOSTILE]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  graded = await gradeClass(OUT);
  await writeReports(graded, [feedbackReporter, classSummaryReporter, junitReporter]);
  await writeReports(sampleContext(OUT_HOSTILE), [feedbackReporter]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('class summary in a browser', () => {
  it('loads from a file without errors, and every chart has drawn marks', async () => {
    const { page, problems } = await open(path.join(OUT, 'index.html'));
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg');
        const marks = Array.from(figure.querySelectorAll('svg g.role-mark > path, svg g.role-mark > rect, svg g.role-mark > line'));
        const drawn = marks.filter((m) => {
          const box = (m as SVGGraphicsElement).getBBox();
          return box.width > 0 || box.height > 0;
        });
        const size = svg?.getBoundingClientRect();
        return { id: figure.id, drawn: drawn.length, width: size?.width ?? 0, height: size?.height ?? 0 };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(['chart-totals', 'chart-questions', 'chart-parts']);
    for (const chart of charts) {
      expect(chart.drawn, chart.id).toBeGreaterThan(0);
      expect(chart.width, chart.id).toBeGreaterThan(100);
      expect(chart.height, chart.id).toBeGreaterThan(100);
    }
    const students = graded.results.length;
    expect(students).toBeGreaterThanOrEqual(3);
    // One bar per occupied bin of the histogram: at least one, at most one per student.
    expect(charts[0]?.drawn).toBeGreaterThanOrEqual(1);
    expect(charts[0]?.drawn).toBeLessThanOrEqual(students);
    const reference = page.locator('table.students tr', { has: page.locator('a.student', { hasText: /^reference$/ }) });
    await expect(reference.locator('td').nth(1).textContent()).resolves.toBe('100');
    const late = page.locator('table.students tr', { has: page.locator('a.student', { hasText: LATE_STUDENT }) });
    await expect(late.locator('td').nth(4).textContent()).resolves.toMatch(/^\d+%$/);
    expect(await page.locator('script').count()).toBe(0);
    await page.screenshot({ path: path.join(TMP, 'class-summary.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('links each student to their staff feedback page', async () => {
    const { page, problems } = await open(path.join(OUT, 'index.html'));
    await Promise.all([page.waitForURL(`**/${LATE_STUDENT}/feedback-ta.html`), page.locator('a.student', { hasText: LATE_STUDENT }).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe(`${graded.assignment.title}: feedback for ${LATE_STUDENT}`);
    await expect(page.locator('body').textContent()).resolves.toContain('36 h late: 2 started days charged');
    await page.screenshot({ path: path.join(TMP, `feedback-ta-${LATE_STUDENT}.png`), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('student feedback in a browser', () => {
  it('shows a hostile answer as text and runs nothing', async () => {
    const { page, problems } = await open(path.join(OUT_HOSTILE, 'carol', 'feedback.html'));
    expect(await page.locator('script, img, iframe').count()).toBe(0);
    await expect(page.locator('li', { hasText: 'Your answer:' }).filter({ hasText: 'pwned' }).locator('code').textContent()).resolves.toBe(SCRIPT_ANSWER);
    await page.screenshot({ path: path.join(TMP, 'feedback-carol.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('junit.xml in a browser', () => {
  it("is accepted by the browser's strict XML parser", async () => {
    const page = await browser.newPage();
    const xml = readFileSync(path.join(OUT, 'junit.xml'), 'utf8');
    const result = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return { errors: doc.getElementsByTagName('parsererror').length, suites: doc.getElementsByTagName('testsuite').length };
    }, xml);
    expect(result).toEqual({ errors: 0, suites: graded.results.length });
    const broken = await page.evaluate((text) => new DOMParser().parseFromString(text, 'application/xml').getElementsByTagName('parsererror').length, xml.replace('</testsuites>', ''));
    expect(broken).toBeGreaterThan(0);
    await page.close();
  });
});
