/**
 * The review page as TAs use it: a class really graded by the CLI, `dlgrade review --serve`
 * started as a child process, and Debian's Chromium (playwright-core) driving the page at the
 * address the command printed. Scores go through the real server into the real TA store; the
 * reports, a regrade and a second tab are checked from the files on disk.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT, runCli, tempDir } from './support/cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SPEC = path.join(ROOT, 'tests/fixtures/specs/review');
const WHY = 'q1.2.why';
const FIX = 'q1.3.fix';
const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script> use an LSTM';

/** Each student's answers file: bob, carol and finn wrote the same answer to q1.2.why, up to spaces and case; bob and finn to q1.3.fix. */
const ANSWERS: Record<string, string> = {
  alice: 'q1.1:\n  culprit: W_hh\nq1.2:\n  why: It is a product of t-k Jacobians, each with W_hh.\nq1.3:\n  fix: clip the norm of the gradient\n',
  bob: 'q1.1:\n  culprit: x_t\nq1.2:\n  why: "A product of  Jacobians diag(phi\') W_hh."\nq1.3:\n  fix: Gradient Clipping\n',
  carol: `q1.1:\n  culprit: W_hh\nq1.2:\n  why: a product of jacobians diag(phi') W_hh.\nq1.3:\n  fix: ${JSON.stringify(HOSTILE)}\n`,
  dan: 'q1.1:\n  culprit: W_hh\nq1.2:\n  why: |\n    The norm goes like (gamma ||W_hh||)^(t-k),\n    so it vanishes.\nq1.3:\n  fix: truncated BPTT\n',
  eve: 'q1.1:\n  culprit: b\n',
  finn: "q1.1:\n  culprit: W_hh\nq1.2:\n  why: A product of Jacobians   diag(phi') W_hh.\nq1.3:\n  fix: gradient clipping\n",
};

let work: string;
let subs: string;
let out: string;
let server: { child: ChildProcess; url: string; output: () => string };
let browser: Browser;

function serve(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'graders/cli/bin.ts'), 'review', '--serve', '--spec', SPEC, '--out', out, ...args], {
      cwd: work,
      // No display: the command must not try to open a browser, nor fail for want of one.
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no address printed within 60 s:\n${text}`)), 60_000);
    const onData = (d: Buffer) => {
      text += d.toString();
      const line = text.split('\n').find((l) => l.startsWith('http://'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, url: line.trim(), output: () => text });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('exit', (code) => reject(new Error(`review --serve exited (${code}) before printing an address:\n${text}`)));
  });
}

async function stop(s: { child: ChildProcess }): Promise<number | null> {
  if (s.child.exitCode !== null) return s.child.exitCode;
  const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));
  s.child.kill('SIGINT');
  return exited;
}

/** A plain HTTP request, with whatever headers a hostile page or a rebinding DNS name would send. */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const readJson = (file: string) => JSON.parse(readFileSync(path.join(out, file), 'utf8'));
const partOf = (student: string, part: string) => (readJson(`${student}/dlgrade.json`).parts as { partId: string; status: string; score: number; feedback: string; manual?: { comment?: string } }[]).find((p) => p.partId === part)!;
const store = () => readJson('ta-entries.json') as { revision: number; scores: Record<string, Record<string, { score: number; comment?: string; rubric?: { items: string[]; adjustment: number }; source: string }>> };

async function open(url: string): Promise<{ page: Page; problems: string[] }> {
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
    if (!req.url().startsWith(server.url) && !req.url().startsWith('data:')) problems.push(`request elsewhere: ${req.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** Waits for what the page or the store shows; a machine under load answers in seconds, not the default one. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

const group = (page: Page, student: string) => page.locator('section.group', { has: page.locator(`ul.members li[data-student="${student}"]`) });

/** Waits until the page says the reports were rewritten from the store. */
async function reportsUpToDate(page: Page): Promise<void> {
  await page.locator('#status', { hasText: 'reports are up to date' }).waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  work = await tempDir('review-server');
  subs = path.join(work, 'submissions');
  out = path.join(work, 'reports');
  for (const [student, text] of Object.entries(ANSWERS)) {
    await mkdir(path.join(subs, student), { recursive: true });
    await writeFile(path.join(subs, student, 'answers.yaml'), text);
  }
  const graded = await runCli(['grade', '--spec', SPEC, '--submissions', subs, '--out', out, '--jobs', '1'], { cwd: work });
  if (graded.code !== 0) throw new Error(`grade failed: ${graded.stderr}`);
  server = await serve([]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  if (server) await stop(server);
});

describe('review --serve: the address', () => {
  it('is printed first, on 127.0.0.1 with a long random token, and nothing opens without a display', () => {
    const lines = server.output().split('\n');
    expect(lines[0]).toBe(server.url);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}\/$/);
    expect(server.output()).not.toMatch(/browser could not|error/i);
  });

  it('refuses every request without the token, or with a wrong one of the same length', async () => {
    const { origin } = new URL(server.url);
    const token = new URL(server.url).pathname.split('/')[1]!;
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const p of ['/', '/review.js', `/part/${WHY}`, '/api/status', `/${wrong}/`, `/${wrong}/api/status`, `/${token.slice(0, 8)}/`, '/favicon.ico']) {
      const res = await raw(`${origin}${p}`);
      expect(res.status, p).toBe(403);
      expect(res.body).not.toContain('Jacobians');
    }
    const post = await raw(`${origin}/${wrong}/api/score`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(403);
    expect((await raw(server.url)).status).toBe(200);
  });

  it('answers only to the Host 127.0.0.1 or localhost of its port, sends no CORS header, and a strict policy', async () => {
    const port = new URL(server.url).port;
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, `attacker.localhost:${port}`]) {
      expect((await raw(server.url, { headers: { Host: host } })).status, host).toBe(403);
    }
    const ok = await raw(server.url, { headers: { Host: `localhost:${port}`, Origin: 'http://evil.example' } });
    expect(ok.status).toBe(403);
    const page = await raw(`${server.url}part/${WHY}`, { headers: { Host: `localhost:${port}` } });
    expect(page.status).toBe(200);
    expect(Object.keys(page.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.body).not.toMatch(/<script>(?!<\/script>)/);
    expect([...page.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([`<script src="${new URL(server.url).pathname}review.js">`]);
  });

  it('takes a score only as JSON, from its own origin, and refuses a malformed one', async () => {
    const api = `${server.url}api/score`;
    const form = await raw(api, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'part=q1.2.why' });
    expect(form.status).toBe(415);
    const plain = await raw(api, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(plain.status).toBe(415);
    const cross = await raw(api, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
    const notJson = await raw(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    const auto = await raw(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ part: 'q1.1.culprit', action: 'score', members: [{ student: 'alice', answerHash: 'sha256:x', version: 0 }], adjustment: 1 }) });
    expect(auto.status).toBe(404);
    const forged = await raw(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ part: WHY, action: 'score', members: [{ student: 'alice', answerHash: 'sha256:0000', version: 0 }], ticked: [0] }) });
    expect(forged.status).toBe(409);
    expect(JSON.parse(forged.body).message).toContain('changed since this page was loaded');
    const huge = await raw(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ part: WHY, action: 'score', members: [], comment: 'x'.repeat(300 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).message).toContain('over 262144 bytes');
    expect((await raw(server.url, { method: 'PUT' })).status).toBe(405);
    expect(existsSync(path.join(out, 'ta-entries.json'))).toBe(false);
  });
});

describe('review --serve in Chromium', () => {
  it('lists the free-text parts, and passes axe-core on the list and a part page', async () => {
    const { page, problems } = await open(server.url);
    expect(await page.locator('table.parts tbody tr td:first-child').allTextContents()).toEqual([WHY, FIX]);
    await page.getByRole('link', { name: WHY }).click();
    await page.waitForURL(/part\/q1\.2\.why$/);
    expect(await page.locator('section.group').count()).toBe(3);
    expect(await axeViolations(server.url)).toEqual([]);
    expect(await axeViolations(`${server.url}part/${WHY}`)).toEqual([]);
    expect(await axeViolations(`${server.url}part/${FIX}`)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('groups identical answers, shows the rubric items and the shortcuts, and shows hostile text as text', async () => {
    const { page, problems } = await open(`${server.url}part/${WHY}`);
    const first = page.locator('section.group').first();
    expect(await first.locator('ul.members li').allTextContents()).toEqual(['bob', 'carol', 'finn']);
    expect(await first.locator('fieldset.items label').count()).toBe(3);
    expect(await page.locator('.rubric-box .katex').count()).toBeGreaterThan(0);
    await page.keyboard.press('?');
    expect(await page.locator('#keys').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('#keys dt').allTextContents()).toContain('j / k');
    await page.goto(`${server.url}part/${FIX}`);
    const hostile = group(page, 'carol').locator('.answer-text');
    expect(await hostile.textContent()).toBe(HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('scores by a rubric item, a grouped click and with a comment; the scores survive a reload and reach the reports', async () => {
    const { page, problems } = await open(`${server.url}part/${WHY}`);
    // A rubric item, by mouse: alice gets +2 and +1.
    const alice = group(page, 'alice');
    await alice.getByLabel(/A product of/).check();
    await alice.getByLabel(/Its norm behaves like/).check();
    await poll(async () => `${await alice.locator('[data-badge]').textContent()} ${await alice.locator('.msg').textContent()}`).toBe('3 / 3 ');
    // The group of three identical answers, made the current answer by a click on its text.
    await group(page, 'bob').locator('.answer-text').click();
    expect(await page.locator('section.group.current ul.members li').allTextContents()).toEqual(['bob', 'carol', 'finn']);
    // One click on the group's first rubric item scores all three.
    await group(page, 'bob').getByLabel(/A product of/).click();
    await poll(() => group(page, 'bob').locator('[data-badge]').textContent()).toBe('2 / 3');
    // A comment with the score, by keyboard: next answer, comment, adjustment, save.
    await page.keyboard.press('u');
    expect(await page.locator('section.group.current ul.members li').allTextContents()).toEqual(['dan']);
    await page.keyboard.press('2');
    await page.keyboard.press('c');
    await page.keyboard.type('Right growth rate; say why it is a product of Jacobians.');
    await page.keyboard.press('Control+Enter');
    await poll(() => store().scores.dan?.[WHY]?.comment).toBe('Right growth rate; say why it is a product of Jacobians.');
    await reportsUpToDate(page);

    await page.reload();
    expect(await group(page, 'alice').locator('[data-badge]').textContent()).toBe('3 / 3');
    expect(await group(page, 'alice').locator('input[type=checkbox]:checked').count()).toBe(2);
    expect(await group(page, 'finn').locator('[data-badge]').textContent()).toBe('2 / 3');
    expect(await group(page, 'dan').locator('textarea').inputValue()).toBe('Right growth rate; say why it is a product of Jacobians.');
    expect(await group(page, 'dan').locator('[data-badge]').textContent()).toBe('1 / 3');
    expect(await page.locator('#scored-count').textContent()).toBe('5');

    const s = store();
    expect(s.scores.alice?.[WHY]).toMatchObject({ score: 3, source: 'review page', rubric: { adjustment: 0 } });
    expect(s.scores.alice?.[WHY]?.rubric?.items).toHaveLength(2);
    for (const student of ['bob', 'carol', 'finn']) expect(s.scores[student]?.[WHY]?.score, student).toBe(2);
    expect(partOf('alice', WHY)).toMatchObject({ status: 'passed', score: 3 });
    expect(partOf('carol', WHY)).toMatchObject({ status: 'partial', score: 2 });
    expect(partOf('dan', WHY)).toMatchObject({ status: 'partial', score: 1, manual: { comment: 'Right growth rate; say why it is a product of Jacobians.' } });
    expect(readFileSync(path.join(out, 'dan/feedback.html'), 'utf8')).toContain('Right growth rate; say why it is a product of Jacobians.');
    expect(readFileSync(path.join(out, 'dan/feedback.md'), 'utf8')).toContain('Right growth rate');
    const csv = readFileSync(path.join(out, 'grades.csv'), 'utf8').split('\n');
    const header = csv[0]!.split(',');
    const row = (student: string) => csv.find((l) => l.startsWith(`${student},`))!.split(',');
    expect(row('alice')[header.indexOf(WHY)]).toBe('3');
    expect(row('finn')[header.indexOf(WHY)]).toBe('2');
    const summary = readJson('summary.json') as { students: { student: string; score: number }[] };
    expect(summary.students.find((x) => x.student === 'alice')?.score).toBe(4);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('alice');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('two tabs scoring different parts at the same time both land', async () => {
    const a = await open(`${server.url}part/${WHY}`);
    const b = await open(`${server.url}part/${FIX}`);
    const before = store().revision;
    await Promise.all([group(a.page, 'alice').getByLabel(/Blames the sigmoid/).check(), group(b.page, 'alice').getByRole('button', { name: 'Full marks' }).click()]);
    await poll(() => [store().scores.alice?.[WHY]?.score, store().scores.alice?.[FIX]?.score]).toEqual([2, 2]);
    expect(store().revision).toBe(before + 2);
    expect(await group(a.page, 'alice').locator('.msg').textContent()).toBe('');
    expect(await group(b.page, 'alice').locator('.msg').textContent()).toBe('');
    await reportsUpToDate(a.page);
    expect(partOf('alice', FIX)).toMatchObject({ status: 'passed', score: 2 });
    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.page.close();
    await b.page.close();
  });

  it('refuses a stale write to an answer another tab scored since, and says so on the page', async () => {
    const a = await open(`${server.url}part/${FIX}`);
    const b = await open(`${server.url}part/${FIX}`);
    const dan = (p: Page) => group(p, 'dan');
    await dan(a.page).getByLabel(/^Score/).fill('2');
    await dan(a.page).getByRole('button', { name: 'Save' }).click();
    await poll(() => store().scores.dan?.[FIX]?.score).toBe(2);
    await dan(b.page).getByRole('button', { name: 'Zero' }).click();
    await poll(() => dan(b.page).locator('.msg').textContent()).toMatch(/^not saved: dan's answer was scored 2 \/ 2 by review page at \d\d:\d\d UTC, after this page was loaded/);
    expect(await b.page.locator('#status').textContent()).toContain('Not saved');
    expect(store().scores.dan?.[FIX]?.score).toBe(2);
    // After a reload the second tab sees the score and may change it.
    await b.page.reload();
    expect(await dan(b.page).locator('[data-badge]').textContent()).toBe('2 / 2');
    await dan(b.page).getByRole('button', { name: 'Zero' }).click();
    await poll(() => store().scores.dan?.[FIX]?.score).toBe(0);
    await reportsUpToDate(b.page);
    expect(partOf('dan', FIX)).toMatchObject({ status: 'failed', score: 0 });
    await a.page.close();
    await b.page.close();
  });
});

describe('scores from the review page and the sheets', () => {
  it('a sheet exported now lists what is left; imported, it lands in the same store and on the page', async () => {
    const sheetFile = path.join(work, 'sheet.yaml');
    const exported = await runCli(['review', '--export', sheetFile, '--spec', SPEC, '--out', out], { cwd: work });
    expect(exported.code, exported.stderr).toBe(0);
    const sheet = parseDocument(readFileSync(sheetFile, 'utf8'));
    expect(sheet.getIn(['alice', WHY])).toBeUndefined();
    expect(sheet.getIn(['bob', FIX, 'score'])).toBeNull();
    sheet.setIn(['bob', FIX, 'score'], 1.5);
    sheet.setIn(['bob', FIX, 'comment'], 'Clipping, yes: of the norm?');
    writeFileSync(sheetFile, sheet.toString());
    const imported = await runCli(['review', '--import', sheetFile, '--spec', SPEC, '--out', out], { cwd: work });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`bob ${FIX}`);
    expect(store().scores.bob?.[FIX]).toMatchObject({ score: 1.5, comment: 'Clipping, yes: of the norm?', source: sheetFile });
    expect(partOf('bob', FIX)).toMatchObject({ status: 'partial', score: 1.5 });
    const { page } = await open(`${server.url}part/${FIX}`);
    // bob and finn wrote the same answer: the group shows that one of the two is scored, and bob's score.
    expect(await group(page, 'bob').locator('[data-badge]').textContent()).toBe('1 of 2 scored');
    expect(await group(page, 'bob').locator('li[data-student="bob"]').textContent()).toBe('bob (1.5)');
    await page.close();
  });

  it('a full regrade and a regrade of one student keep every score', async () => {
    const expectKept = () => {
      expect(partOf('alice', WHY)).toMatchObject({ status: 'partial', score: 2 });
      expect(partOf('finn', WHY)).toMatchObject({ status: 'partial', score: 2 });
      expect(partOf('dan', WHY)).toMatchObject({ score: 1, manual: { comment: 'Right growth rate; say why it is a product of Jacobians.' } });
      expect(partOf('dan', FIX)).toMatchObject({ status: 'failed', score: 0 });
      expect(partOf('bob', FIX)).toMatchObject({ score: 1.5 });
    };
    const full = await runCli(['grade', '--spec', SPEC, '--submissions', subs, '--out', out, '--jobs', '1'], { cwd: work });
    expect(full.code, full.stderr).toBe(0);
    expectKept();
    const one = await runCli(['grade', '--spec', SPEC, '--submissions', subs, '--out', out, '--student', 'dan'], { cwd: work });
    expect(one.code, one.stderr).toBe(0);
    expectKept();
    const csv = readFileSync(path.join(out, 'grades.csv'), 'utf8');
    expect(csv.split('\n').slice(1).filter((l) => /^[a-z]+,/.test(l))).toHaveLength(6);
    // The page still shows them, from the store.
    const { page } = await open(`${server.url}part/${WHY}`);
    expect(await group(page, 'dan').locator('[data-badge]').textContent()).toBe('1 / 3');
    await page.close();
  });

  it('a regraded answer that changed is not scored by a page loaded before', async () => {
    const { page } = await open(`${server.url}part/${FIX}`);
    await writeFile(path.join(subs, 'finn', 'answers.yaml'), ANSWERS.finn!.replace('fix: gradient clipping', 'fix: norm clipping, g <- tau g / ||g||'));
    const regraded = await runCli(['grade', '--spec', SPEC, '--submissions', subs, '--out', out, '--student', 'finn'], { cwd: work });
    expect(regraded.code, regraded.stderr).toBe(0);
    // finn's old answer is grouped with bob's: the whole group's write is refused, bob's score stands.
    await group(page, 'finn').getByRole('button', { name: 'Full marks' }).click();
    await poll(() => group(page, 'finn').locator('.msg').textContent()).toContain("finn's answer to q1.3.fix changed since this page was loaded");
    expect(store().scores.finn?.[FIX]).toBeUndefined();
    expect(store().scores.bob?.[FIX]?.score).toBe(1.5);
    await page.close();
  });

  it('stops on SIGINT, after the reports are rewritten', async () => {
    expect(await stop(server)).toBe(0);
    expect(server.output()).toContain('SIGINT: stopping the review page');
  });
});

/** axe-core's WCAG 2 A/AA rules; the page's policy refuses injected scripts, so this page alone bypasses it. */
async function axeViolations(url: string): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await page.goto(url);
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.length} node(s), e.g. ${JSON.stringify(v.nodes[0]?.target)}`);
  });
  await page.close();
  return violations;
}
