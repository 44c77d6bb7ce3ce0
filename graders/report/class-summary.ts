import path from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { PART_STATUSES, type SubmissionResult } from '../results/result.ts';
import { partOutcomes, questionBoxplot, renderChartSvg, STATUS_COLORS, totalsHistogram } from './render/charts.ts';
import { escapeHtml, htmlDocument } from './render/html-page.ts';
import { points } from './render/markdown-text.ts';
import { partAnalytics, questionScores, spread, type PartAnalytics } from './render/summary-stats.ts';
import { TABLE_SCRIPT } from './render/table-script.ts';
import type { Reporter, ReportContext } from './types.ts';
import { NOT_PASSED, STATUS_LABEL } from './render/visibility.ts';

const SUMMARY_CSS = `
main { max-width: 96rem; }
.stats { display: flex; flex-wrap: wrap; gap: .75rem; margin: .75rem 0 1rem; }
.stat { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 8rem; }
.stat b { display: block; font-size: 1.35rem; }
.stat span { color: var(--muted); font-size: .85rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
figure.chart { margin: 0; }
figure.chart figcaption { font-weight: 600; margin-bottom: .3rem; }
figure.chart svg { max-width: 100%; height: auto; }
.wide { overflow-x: auto; }
table.parts, table.students { font-size: .85rem; }
table.parts th, table.parts td { padding: .25rem .4rem; }
td code { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.answers { min-width: 15rem; }
td.answers ul { margin: 0; padding-left: 1rem; }
td.answers code { white-space: normal; }
td.outcomes { min-width: 10.5rem; }
.count { font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0 .35rem; margin: 0 .1rem .1rem 0; border-radius: 3px; color: #fff; font-size: .8rem; white-space: nowrap; }
.bad { color: var(--bad); } .warn { color: var(--warn); }
th button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
th button.sort::after { content: " ↕"; color: var(--muted); }
th[aria-sort="ascending"] button.sort::after { content: " ↑"; color: var(--fg); }
th[aria-sort="descending"] button.sort::after { content: " ↓"; color: var(--fg); }
p.filter input { font: inherit; padding: .15rem .4rem; min-width: 16rem; }
.legend dt { font-weight: 600; display: inline; } .legend dd { display: inline; margin: 0 1rem 0 .25rem; }
`;

const num = (x: number, digits = 1) => (Number.isInteger(x) ? String(x) : x.toFixed(digits));

function statBox(label: string, value: string): string {
  return `<div class="stat"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

type Status = SubmissionResult['parts'][number]['status'];

function statusBadge(status: Status, count: number): string {
  return `<span class="status" style="background:${STATUS_COLORS[status]}" title="${escapeHtml(STATUS_LABEL[status])}">${escapeHtml(status)} ${count}</span>`;
}

/** A numeric cell: shown as `text`, sorted by `value` (blank when there is none). */
function numCell(text: string, value: number | undefined): string {
  return `<td class="num" data-sort="${value === undefined || !Number.isFinite(value) ? '' : value}">${escapeHtml(text)}</td>`;
}

// A wrong answer shown whole would widen the table past reading; its full text is in the title.
const LABEL_CHARS = 48;

function wrongAnswer(w: PartAnalytics['commonWrong'][number]): string {
  const mistake = w.mistake ? `<span class="muted">(${escapeHtml(w.mistake)})</span>` : '';
  if (!w.label) return mistake;
  const flat = w.label.replace(/\s+/g, ' ').trim();
  const short = flat.length > LABEL_CHARS ? `${flat.slice(0, LABEL_CHARS - 1)}…` : flat;
  const title = short === flat ? '' : ` title="${escapeHtml(flat)}"`;
  return `<code${title}>${escapeHtml(short)}</code>${mistake ? ` ${mistake}` : ''}`;
}

function partsTable(rows: readonly PartAnalytics[]): string {
  if (rows.length === 0) return '<p>The pack has no parts.</p>';
  const body = rows
    .map((r) => {
      const decided = r.graded > 0;
      const badges = PART_STATUSES.filter((st) => r.statuses[st]).map((st) => statusBadge(st, r.statuses[st]!)).join(' ');
      const wrong = r.commonWrong.map((w) => `<li>${wrongAnswer(w)} <span class="count">×${w.count}</span></li>`).join('');
      return [
        `<tr><td><code>${escapeHtml(r.partId)}</code></td>`,
        `<td>${escapeHtml(r.kind)}</td>`,
        numCell(points(r.points), r.points),
        numCell(decided ? num(r.meanScore, 2) : '—', decided ? r.meanScore : undefined),
        numCell(decided ? `${Math.round(r.fullPercent)}%` : '—', decided ? r.fullPercent : undefined),
        numCell(decided ? r.difficulty.toFixed(2) : '—', decided ? r.difficulty : undefined),
        numCell(r.discrimination === undefined ? '—' : r.discrimination.toFixed(2), r.discrimination),
        numCell(String(r.blank), r.blank),
        numCell(String(r.wrong), r.wrong),
        `<td class="outcomes">${badges}</td>`,
        `<td class="answers">${wrong ? `<ul>${wrong}</ul>` : ''}</td></tr>`,
      ].join('');
    })
    .join('\n');
  const head = ['part', 'kind', 'points', 'mean', 'full marks', 'difficulty', 'discrimination', 'blank', 'wrong', 'outcomes', 'most common wrong answers']
    .map((h, i) => `<th${i >= 2 && i <= 8 ? ' class="num"' : ''} scope="col">${h}</th>`)
    .join('');
  return `<dl class="legend muted">
<dt>difficulty</dt><dd>mean score ÷ points (1 = everyone got it)</dd>
<dt>discrimination</dt><dd>point-biserial correlation of full marks with the score (— when everyone or no one got it)</dd>
<dt>blank</dt><dd>no answer given, not counted as wrong</dd>
<dt>(name)</dt><dd>the known mistake of the pack an answer matched</dd>
</dl>
<div class="wide"><table class="parts sortable" id="parts" data-filter="Filter parts:">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

function studentsTable(ctx: ReportContext, perQuestion: ReturnType<typeof questionScores>): string {
  const head = perQuestion.map((q) => `<th class="num" scope="col">${escapeHtml(q.question)}<br><span class="muted">/ ${points(q.points)}</span></th>`).join('');
  const rows = ctx.results
    .map((r, i) => {
      const dir = encodeURIComponent(r.student);
      const qs = perQuestion.map((q) => numCell(points(q.scores[i]?.score ?? 0), q.scores[i]?.score ?? 0)).join('');
      const lost = r.parts.filter((p) => NOT_PASSED.has(p.status)).length;
      const late = r.late ? `<span class="warn">${points(r.late.penaltyPercent)}%</span>` : '';
      const problems = r.problems.length > 0 ? `<span class="bad" title="${escapeHtml(r.problems.join('\n'))}">${r.problems.length}</span>` : '';
      // Names from the roster are for course staff: this page is theirs, never a student's.
      const who = `${r.identity?.name ? ` <span class="muted">${escapeHtml(r.identity.name)}</span>` : ''}${r.status === 'not submitted' ? ' <span class="warn">not submitted</span>' : ''}`;
      return [
        `<tr><td><a class="student" href="${escapeHtml(`${dir}/feedback-ta.html`)}">${escapeHtml(r.student)}</a>${who}</td>`,
        `<td><a class="student-page" href="${escapeHtml(`${dir}/feedback.html`)}">student's page</a></td>`,
        `<td class="num" data-sort="${r.total}"><b>${points(r.total)}</b></td>`,
        numCell(`${points(r.score)} / ${points(r.max)}`, r.score),
        numCell(r.pendingPoints > 0 ? points(r.pendingPoints) : '', r.pendingPoints),
        `<td class="num" data-sort="${r.late ? r.late.penaltyPercent : 0}">${late}</td>`,
        qs,
        numCell(String(lost), lost),
        `<td class="num" data-sort="${r.problems.length}">${problems}</td></tr>`,
      ].join('');
    })
    .join('\n');
  return `<div class="wide"><table class="students sortable" id="students" data-filter="Filter students:"><thead><tr><th scope="col">student <span class="muted">(staff page)</span></th><th scope="col">feedback</th><th class="num" scope="col">total<br><span class="muted">/ ${points(ctx.assignment.total)}</span></th><th class="num" scope="col">graded</th><th class="num" scope="col">pending</th><th class="num" scope="col">late</th>${head}<th class="num" scope="col">parts lost</th><th class="num" scope="col">problems</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
}

/** The class summary page: statistics, charts rendered to inline SVG, weakest parts, students. */
export async function renderClassSummary(ctx: ReportContext): Promise<string> {
  const { assignment, results } = ctx;
  const totals = spread(results.map((r) => r.total));
  const perQuestion = questionScores(assignment, results);
  const analytics = partAnalytics(assignment, results);
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
        analytics.flatMap((f) => (Object.entries(f.statuses) as [Status, number][]).map(([status, count]) => ({ part: f.partId, status, count }))),
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
${pending > 0 ? '<p class="muted">Parts pending manual review count 0 in the totals and charts until a TA scores them (<code>dlgrade review --serve</code>, or a review sheet).</p>' : ''}
<h2>Distributions</h2>
<div class="charts">
${charts.join('\n')}
</div>
<h2>Parts</h2>
${partsTable(analytics)}
<h2>Students</h2>
${studentsTable(ctx, perQuestion)}
`;
  return htmlDocument(`${assignment.title}: class summary`, body, SUMMARY_CSS, { script: TABLE_SCRIPT });
}

/** `<out>/index.html`: the class summary page. */
export const classSummaryReporter: Reporter = {
  name: 'class-summary',
  classFiles: ['index.html'],
  async classWide(ctx) {
    await writeFileAtomic(path.join(ctx.outDir, 'index.html'), await renderClassSummary(ctx));
  },
};
