import path from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.ts';
import type { SubmissionResult } from '../results/result.ts';
import { partOutcomes, questionBoxplot, renderChartSvg, STATUS_COLORS, totalsHistogram } from './charts.ts';
import { escapeHtml, htmlDocument } from './html-page.ts';
import { points } from './markdown-text.ts';
import { partFailures, questionScores, spread, type PartFailure } from './summary-stats.ts';
import type { Reporter, ReportContext } from './types.ts';
import { NOT_PASSED, STATUS_LABEL } from './visibility.ts';

const SUMMARY_CSS = `
main { max-width: 78rem; }
.stats { display: flex; flex-wrap: wrap; gap: .75rem; margin: .75rem 0 1rem; }
.stat { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 8rem; }
.stat b { display: block; font-size: 1.35rem; }
.stat span { color: var(--muted); font-size: .85rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
figure.chart { margin: 0; }
figure.chart figcaption { font-weight: 600; margin-bottom: .3rem; }
figure.chart svg { max-width: 100%; height: auto; }
td code { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0 .35rem; border-radius: 3px; color: #fff; font-size: .8rem; }
.bad { color: var(--bad); } .warn { color: var(--warn); }
`;

const num = (x: number, digits = 1) => (Number.isInteger(x) ? String(x) : x.toFixed(digits));

function statBox(label: string, value: string): string {
  return `<div class="stat"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

function statusBadge(status: SubmissionResult['parts'][number]['status'], count: number): string {
  return `<span class="status" style="background:${STATUS_COLORS[status]}" title="${escapeHtml(STATUS_LABEL[status])}">${escapeHtml(status)} ${count}</span>`;
}

function failuresTable(rows: readonly PartFailure[], students: number): string {
  const lost = rows.filter((r) => r.notPassed > 0).slice(0, 12);
  if (lost.length === 0) return '<p>Every graded part was passed by every student.</p>';
  const body = lost
    .map((r) => {
      const badges = (Object.entries(r.statuses) as [SubmissionResult['parts'][number]['status'], number][]).map(([s, c]) => statusBadge(s, c)).join(' ');
      const feedback = r.commonFeedback ? `${escapeHtml(r.commonFeedback.text)} <span class="muted">(${r.commonFeedback.count}×)</span>` : '';
      const mistake = r.commonMistake ? `<code>${escapeHtml(r.commonMistake.id)}</code> <span class="muted">(${r.commonMistake.count}×)</span>` : '';
      return `<tr><td><code>${escapeHtml(r.partId)}</code></td><td class="num">${r.notPassed} / ${students}</td><td class="num">${num(r.meanScore, 2)} / ${points(r.points)}</td><td>${badges}</td><td>${feedback}</td><td>${mistake}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>part</th><th class="num">lost points</th><th class="num">mean score</th><th>outcomes</th><th>most common feedback</th><th>known mistake</th></tr></thead><tbody>
${body}
</tbody></table>`;
}

function studentsTable(ctx: ReportContext, perQuestion: ReturnType<typeof questionScores>): string {
  const head = perQuestion.map((q) => `<th class="num">${escapeHtml(q.question)}<br><span class="muted">/ ${points(q.points)}</span></th>`).join('');
  const rows = ctx.results
    .map((r, i) => {
      const href = `${encodeURIComponent(r.student)}/feedback-ta.html`;
      const qs = perQuestion.map((q) => `<td class="num">${points(q.scores[i]?.score ?? 0)}</td>`).join('');
      const lost = r.parts.filter((p) => NOT_PASSED.has(p.status)).length;
      const late = r.late ? `<span class="warn">${points(r.late.penaltyPercent)}%</span>` : '';
      const problems = r.problems.length > 0 ? `<span class="bad" title="${escapeHtml(r.problems.join('\n'))}">${r.problems.length}</span>` : '';
      // Names from the roster are for course staff: this page is theirs, never a student's.
      const who = `${r.identity?.name ? ` <span class="muted">${escapeHtml(r.identity.name)}</span>` : ''}${r.status === 'not submitted' ? ' <span class="warn">not submitted</span>' : ''}`;
      return `<tr><td><a class="student" href="${escapeHtml(href)}">${escapeHtml(r.student)}</a>${who}</td><td class="num"><b>${points(r.total)}</b></td><td class="num">${points(r.score)} / ${points(r.max)}</td><td class="num">${r.pendingPoints > 0 ? points(r.pendingPoints) : ''}</td><td class="num">${late}</td>${qs}<td class="num">${lost}</td><td class="num">${problems}</td></tr>`;
    })
    .join('\n');
  return `<table class="students"><thead><tr><th>student</th><th class="num">total<br><span class="muted">/ ${points(ctx.assignment.total)}</span></th><th class="num">graded</th><th class="num">pending</th><th class="num">late</th>${head}<th class="num">parts lost</th><th class="num">problems</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

/** The class summary page: statistics, charts rendered to inline SVG, weakest parts, students. */
export async function renderClassSummary(ctx: ReportContext): Promise<string> {
  const { assignment, results } = ctx;
  const totals = spread(results.map((r) => r.total));
  const perQuestion = questionScores(assignment, results);
  const failures = partFailures(assignment, results);
  const partOrder = assignment.questions.flatMap((q) => q.parts.map((p) => p.id));
  const pending = results.reduce((s, r) => s + r.parts.filter((p) => p.status === 'pending').length, 0);

  const charts: string[] = [];
  if (results.length > 0) {
    const histogram = await renderChartSvg(totalsHistogram(results.map((r) => r.total), assignment.total), 'totals');
    const box = await renderChartSvg(
      questionBoxplot(
        perQuestion.flatMap((q) => q.scores.map((s) => ({ question: q.question, percent: q.points > 0 ? (100 * s.score) / q.points : 0 }))),
        perQuestion.map((q) => q.question),
      ),
      'questions',
    );
    const outcomes = await renderChartSvg(
      partOutcomes(
        failures.flatMap((f) => (Object.entries(f.statuses) as [SubmissionResult['parts'][number]['status'], number][]).map(([status, count]) => ({ part: f.partId, status, count }))),
        partOrder,
      ),
      'parts',
    );
    charts.push(
      `<figure class="chart" id="chart-totals"><figcaption>Total scores</figcaption>${histogram}</figure>`,
      `<figure class="chart" id="chart-questions"><figcaption>Score per question (% of its points)</figcaption>${box}</figure>`,
      `<figure class="chart" id="chart-parts"><figcaption>Outcome per part</figcaption>${outcomes}</figure>`,
    );
  }

  const run = ctx.run;
  const body = `<h1>${escapeHtml(assignment.title)} <span class="muted">(${escapeHtml(assignment.id)})</span>: class summary</h1>
<p class="muted">${results.length} submission${results.length === 1 ? '' : 's'} graded by dlgrade ${escapeHtml(run.version)} with spec <code>${escapeHtml(run.spec)}</code>${run.seedSalt ? `, seed salt <code>${escapeHtml(run.seedSalt)}</code>` : ''}; ${run.visibleOnly ? '<b>visible checks only: hidden checks were not run</b>' : 'all checks'}.</p>
<div class="stats">
${statBox(`mean total / ${points(assignment.total)}`, num(totals.mean))}
${statBox('median', num(totals.median))}
${statBox('min', num(totals.min))}
${statBox('max', num(totals.max))}
${statBox('answers awaiting review', String(pending))}
${statBox('late submissions', String(results.filter((r) => r.late).length))}
</div>
${pending > 0 ? '<p class="muted">Parts pending manual review count 0 in the totals and charts until a review sheet is merged.</p>' : ''}
<h2>Distributions</h2>
<div class="charts">
${charts.join('\n')}
</div>
<h2>Parts most often lost</h2>
${failuresTable(failures, results.length)}
<h2>Students</h2>
${studentsTable(ctx, perQuestion)}
`;
  return htmlDocument(`${assignment.title}: class summary`, body, SUMMARY_CSS);
}

/** `<out>/index.html`: the class summary page. */
export const classSummaryReporter: Reporter = {
  name: 'class-summary',
  classFiles: ['index.html'],
  async classWide(ctx) {
    await writeFileAtomic(path.join(ctx.outDir, 'index.html'), await renderClassSummary(ctx));
  },
};
