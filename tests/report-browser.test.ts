/**
 * The human-facing reports opened in a real browser (Debian's Chromium driven by playwright-core)
 * straight from disk, as a TA opens them: no server, no network, no scripts.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classSummaryReporter } from '../graders/report/class-summary.ts';
import { feedbackReporter } from '../graders/report/feedback.ts';
import { junitReporter } from '../graders/report/junit.ts';
import { writeReports } from '../graders/report/index.ts';
import { SCRIPT_ANSWER, sampleContext } from './support/report-sample.ts';

const CHROMIUM = '/usr/bin/chromium';
const TMP = path.resolve(import.meta.dirname, '.tmp');
const OUT = path.join(TMP, 'report-browser');

let browser: Browser;

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
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const ctx = sampleContext(OUT);
  await writeReports(ctx, [feedbackReporter, classSummaryReporter, junitReporter]);
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
    // Three students with totals 26, 40 and 80: three bars in the histogram.
    expect(charts[0]?.drawn).toBe(3);
    expect(await page.locator('script').count()).toBe(0);
    await page.screenshot({ path: path.join(TMP, 'class-summary.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('links each student to their staff feedback page', async () => {
    const { page, problems } = await open(path.join(OUT, 'index.html'));
    await Promise.all([page.waitForURL('**/bob/feedback-ta.html'), page.locator('a.student', { hasText: 'bob' }).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Sample homework: feedback for bob');
    await expect(page.locator('body').textContent()).resolves.toContain('about 28%, not 80%');
    await page.screenshot({ path: path.join(TMP, 'feedback-ta-bob.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('student feedback in a browser', () => {
  it('shows a hostile answer as text and runs nothing', async () => {
    const { page, problems } = await open(path.join(OUT, 'carol', 'feedback.html'));
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
    expect(result).toEqual({ errors: 0, suites: 3 });
    const broken = await page.evaluate((text) => new DOMParser().parseFromString(text, 'application/xml').getElementsByTagName('parsererror').length, xml.replace('</testsuites>', ''));
    expect(broken).toBeGreaterThan(0);
    await page.close();
  });
});
