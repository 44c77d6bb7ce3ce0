/**
 * The human-facing reports opened in a real browser (Debian's Chromium driven by playwright-core)
 * straight from disk, as a TA opens them: no server, no network; the one script is the class
 * page's table sorting, and every page reads without it. The class pages come
 * from really grading `submissions/` against `specs/dl-hw`, with a filled-in review sheet merged
 * and one late submission; the hostile-answer page from hand-built results.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

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
async function open(file: string, options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
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
  page.on('requestfailed', (req) => problems.push(`failed to load: ${req.url()}`));
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
    await expect(reference.locator('td').nth(2).textContent()).resolves.toBe('100');
    const late = page.locator('table.students tr', { has: page.locator('a.student', { hasText: LATE_STUDENT }) });
    await expect(late.locator('td').nth(5).textContent()).resolves.toMatch(/^\d+%$/);
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

/** axe-core's WCAG 2 A/AA rules on the page as it stands; the page's own policy would refuse the injected script. */
async function axeViolations(file: string): Promise<string[]> {
  const { page } = await open(file, { bypassCSP: true });
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.length} node(s), e.g. ${JSON.stringify(v.nodes[0]?.target)}`);
  });
  await page.close();
  return violations;
}

describe('the class page in a browser: analytics', () => {
  it('lists every part of the pack and links each student to both pages, with the script off too', async () => {
    const { page, problems } = await open(path.join(OUT, 'index.html'), { javaScriptEnabled: false });
    const parts = graded.assignment.questions.flatMap((q) => q.parts.map((p) => p.id));
    expect(await page.locator('table.parts tbody tr td:first-child').allTextContents()).toEqual(parts);
    for (const r of graded.results) {
      const row = page.locator('table.students tbody tr', { has: page.locator('a.student', { hasText: new RegExp(`^${r.student}$`) }) });
      await expect(row.locator('a.student').getAttribute('href')).resolves.toBe(`${r.student}/feedback-ta.html`);
      await expect(row.locator('a.student-page').getAttribute('href')).resolves.toBe(`${r.student}/feedback.html`);
    }
    // Without the script there is nothing to sort with and no filter box: the page is the same tables.
    expect(await page.locator('button.sort, p.filter').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sorts the parts by a column, both ways, and filters them', async () => {
    const { page, problems } = await open(path.join(OUT, 'index.html'));
    const column = async (n: number) => page.locator(`table.parts tbody tr:not([hidden]) td:nth-child(${n})`).evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.sort ?? ''));
    const header = page.locator('table.parts th', { hasText: /^difficulty/ });
    await header.locator('button').click();
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
    const up = (await column(6)).map(Number);
    expect(up.length).toBe(graded.assignment.questions.flatMap((q) => q.parts).length);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await header.locator('button').click();
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    const down = (await column(6)).map(Number);
    expect(down).toEqual([...up].sort((a, b) => b - a));
    expect(new Set(down).size).toBeGreaterThan(2);
    // Discrimination is blank (—) for some parts: those sort last either way.
    const disc = page.locator('table.parts th', { hasText: /^discrimination/ });
    await disc.locator('button').click();
    const values = await column(7);
    const firstBlank = values.indexOf('');
    expect(firstBlank).toBeGreaterThan(0);
    expect(values.slice(firstBlank).every((v) => v === '')).toBe(true);

    await page.locator('#parts-filter').fill('formula');
    const shown = await page.locator('table.parts tbody tr:not([hidden]) td:nth-child(2)').allTextContents();
    expect(shown.length).toBe(graded.assignment.questions.flatMap((q) => q.parts).filter((p) => p.kind === 'formula').length);
    expect(new Set(shown)).toEqual(new Set(['formula']));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('passes axe-core with no violations', async () => {
    expect(await axeViolations(path.join(OUT, 'index.html'))).toEqual([]);
  });
});

describe('a student page in a browser: math, plots, anchors', () => {
  const failedFormula = () => {
    const r = graded.results.find((x) => x.student === LATE_STUDENT)!;
    const part = r.parts.find((p) => p.kind === 'formula' && p.status === 'failed' && p.counterexample?.curves?.length && /\^/.test(graded.assignment.questions.flatMap((q) => q.parts).find((s) => s.id === p.partId)?.prompt ?? ''));
    if (!part) throw new Error(`${LATE_STUDENT} has no failed formula part with a ^ in its prompt`);
    return part;
  };

  it('renders the prompt of a formula part as math, with the fonts from the reports folder', async () => {
    const { page, problems } = await open(path.join(OUT, LATE_STUDENT, 'feedback.html'));
    const part = failedFormula();
    const prompt = page.locator(`h3[id="part-${part.partId}"] + p`);
    expect(await prompt.locator('.katex math').count()).toBeGreaterThan(0);
    const seen = await prompt.innerText();
    expect(seen).not.toContain('^');
    expect(seen).not.toContain('$');
    // Superscripts are typeset as such: the MathML has the powers, the HTML hides the MathML copy.
    expect(await prompt.locator('math msup, math msubsup').count()).toBeGreaterThan(0);
    expect(await prompt.locator('.katex-mathml').first().evaluate((e) => getComputedStyle(e).position)).toBe('absolute');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Math'))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].some((f) => f.family === 'KaTeX_Math' && f.status === 'loaded'))).toBe(true);
    // The student's formula is typeset too.
    expect(await page.locator(`h3[id="part-${part.partId}"] ~ ul .as-read`).first().isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the failed formula against the reference, the counterexample marked on both curves', async () => {
    const { page, problems } = await open(path.join(OUT, LATE_STUDENT, 'feedback.html'));
    const part = failedFormula();
    const curves = part.counterexample!.curves!;
    const figure = page.locator(`h3[id="part-${part.partId}"] ~ figure.formula-plot`).first();
    await expect(figure.locator('svg').count()).resolves.toBe(curves.length);
    const first = figure.locator('svg').first();
    const lines = await first.locator('g.curves_marks path').evaluateAll((ps) => ps.map((p) => (p as SVGGraphicsElement).getBBox().width));
    expect(lines.filter((w) => w > 50)).toHaveLength(2);
    const marks = await first.locator('g.counterexample_marks path').evaluateAll((ps) => ps.map((p) => p.getAttribute('aria-label') ?? ''));
    const at = curves[0]!;
    expect(marks.length).toBeGreaterThanOrEqual(1);
    for (const label of marks) expect(label).toMatch(new RegExp(`: ${String(at.at).replace('.', '\\.')};`));
    expect(marks.some((l) => l.includes('series: reference'))).toBe(true);
    expect(await figure.isVisible()).toBe(true);
    await figure.screenshot({ path: path.join(TMP, 'formula-plot.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('links every part from the summary table to its section', async () => {
    const { page, problems } = await open(path.join(OUT, LATE_STUDENT, 'feedback.html'));
    const links = page.locator('.toc a[href^="#part-"]');
    const result = graded.results.find((x) => x.student === LATE_STUDENT)!;
    await expect(links.count()).resolves.toBe(result.parts.length);
    for (const i of [0, Math.floor(result.parts.length / 2), result.parts.length - 1]) {
      const link = links.nth(i);
      const id = (await link.textContent())!;
      await link.click();
      expect(new URL(page.url()).hash).toBe(`#part-${encodeURIComponent(id)}`);
      const target = page.locator(`h3[id="part-${id}"]`);
      await expect(target.locator('code').first().textContent()).resolves.toBe(id);
      const top = await target.evaluate((e) => e.getBoundingClientRect().top);
      // At the top of the window, unless the page ends before the section can scroll that far.
      const atEnd = await page.evaluate(() => Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight);
      expect(top < 40 || atEnd).toBe(true);
      expect(top).toBeGreaterThanOrEqual(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('passes axe-core with no violations, the student and staff pages alike', async () => {
    for (const file of [path.join(OUT, LATE_STUDENT, 'feedback.html'), path.join(OUT, LATE_STUDENT, 'feedback-ta.html'), path.join(OUT_HOSTILE, 'carol', 'feedback.html')]) {
      expect(await axeViolations(file), file).toEqual([]);
    }
  });
});
