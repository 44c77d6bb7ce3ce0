import type { Assignment, TextPart } from '../pack/types.ts';
import { prose } from '../report/render/dual-text.ts';
import { escapeHtml } from '../report/render/html-page.ts';
import { points } from '../report/render/markdown-text.ts';
import { MATH_CSS } from '../report/render/math-assets.ts';
import type { HandScore } from '../results/ta-store.ts';
import type { AnswerGroup, GroupMember, PartReview } from './review-model.ts';

/**
 * The review page's HTML, rendered on the server: every text a student or an author wrote is
 * escaped here (math typeset by the reports' renderer), and the one script, served as a file,
 * only reads what this markup carries in its data attributes.
 */

/** The keys the script answers to, listed on every part page (the script reads the same table). */
export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['j / k', 'next / previous answer'],
  ['u', 'next answer not scored yet'],
  ['1 – 9', 'tick or untick rubric item 1 to 9 (saved at once); without items, score 1 to 9 points'],
  ['f', 'full marks'],
  ['0', 'zero points'],
  ['a', 'edit the adjustment (the score, without rubric items)'],
  ['c', 'edit the comment'],
  ['Esc', 'leave the field (saves what changed)'],
  ['Ctrl + Enter', 'in a field: save and go to the next answer'],
  ['x', 'clear the score (the answer awaits review again)'],
  ['[ / ]', 'previous / next part'],
  ['?', 'show or hide this list'],
];

function document(title: string, base: string, body: string, script: boolean): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}${MATH_CSS}">
<link rel="stylesheet" href="${base}review.css">
</head>
<body>
${body}
${script ? `<script src="${base}review.js"></script>\n` : ''}</body>
</html>
`;
}

const pts = (x: number) => `${points(x)} point${x === 1 ? '' : 's'}`;

/** Index: every free-text part with how far its review has come. */
export function indexPage(assignment: Assignment, reviews: readonly PartReview[], base: string): string {
  const rows = reviews.map((r) => {
    const href = `${base}part/${encodeURIComponent(r.part.id)}`;
    const left = r.answers - r.scored;
    return `<tr><td><a href="${escapeHtml(href)}"><code>${escapeHtml(r.part.id)}</code></a></td><td>${prose(r.part.prompt).html}</td><td class="num">${escapeHtml(points(r.part.points))}</td><td class="num">${r.answers}</td><td class="num">${r.groups.length}</td><td class="num">${r.scored}</td><td class="num">${left === 0 ? '<span class="done">0</span>' : left}</td><td class="num">${r.blank.length + r.unreadable.length}</td></tr>`;
  });
  const total = reviews.reduce((n, r) => n + r.answers, 0);
  const scored = reviews.reduce((n, r) => n + r.scored, 0);
  const body = `<header class="bar"><p class="brand">dlgrade review · ${escapeHtml(assignment.title)}</p><p id="status" class="status" role="status" aria-live="polite"></p></header>
<main>
<h1>Free-text answers of ${escapeHtml(assignment.id)}</h1>
<p>${scored} of ${total} answer(s) scored. Scores are saved at once into the TA store of the reports folder, and the reports are rewritten from it.</p>
<table class="parts">
<caption>Free-text parts</caption>
<thead><tr><th scope="col">Part</th><th scope="col">Prompt</th><th scope="col" class="num">Points</th><th scope="col" class="num">Answers</th><th scope="col" class="num">Groups</th><th scope="col" class="num">Scored</th><th scope="col" class="num">To score</th><th scope="col" class="num">Blank or unreadable</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${reviews.length === 0 ? '<p>This assignment has no free-text parts.</p>' : ''}
</main>`;
  return document(`Review: ${assignment.title}`, base, body, true);
}

/** One part across the class: its prompt, its rubric and every group of answers, each with a scoring form. */
export function partPage(assignment: Assignment, review: PartReview, all: readonly TextPart[], base: string): string {
  const { part } = review;
  const at = all.findIndex((p) => p.id === part.id);
  const prev = all[at - 1];
  const next = all[at + 1];
  const link = (p: TextPart | undefined, rel: string, label: string) =>
    p ? `<a href="${escapeHtml(`${base}part/${encodeURIComponent(p.id)}`)}" rel="${rel}" data-nav="${rel}">${label} <code>${escapeHtml(p.id)}</code></a>` : '';
  const options = all.map((p) => `<option value="${escapeHtml(`${base}part/${encodeURIComponent(p.id)}`)}"${p.id === part.id ? ' selected' : ''}>${escapeHtml(p.id)}</option>`).join('');
  const items = part.rubricItems ?? [];
  const rubric =
    items.length > 0
      ? `<ol class="rubric">${items.map((i) => `<li><span class="pts">${escapeHtml(signed(i.points))}</span> ${prose(i.text).html}</li>`).join('')}</ol><p class="muted">Score = ticked items + adjustment, kept within 0 and ${escapeHtml(points(part.points))}.</p>`
      : `<p>${prose(part.rubric).html}</p>`;
  const groups = review.groups.map((g, i) => groupCard(g, i, review, items.length > 0));
  const apart: string[] = [];
  if (review.blank.length > 0) apart.push(`<li>Left blank (0 points, nothing to score): ${review.blank.map(escapeHtml).join(', ')}</li>`);
  for (const u of review.unreadable) apart.push(`<li>${escapeHtml(u.student)}: not readable as text (0 points): ${escapeHtml(u.feedback)}</li>`);
  const keys = SHORTCUTS.map(([k, what]) => `<dt><kbd>${escapeHtml(k)}</kbd></dt><dd>${escapeHtml(what)}</dd>`).join('');
  const body = `<header class="bar">
<nav aria-label="Parts"><a href="${escapeHtml(base)}">All parts</a> ${link(prev, 'prev', '←')} <label for="part-select">Part</label> <select id="part-select">${options}</select> ${link(next, 'next', '→')}</nav>
<p id="status" class="status" role="status" aria-live="polite"></p>
</header>
<main id="review" data-part="${escapeHtml(part.id)}" data-max="${part.points}" data-api="${escapeHtml(`${base}api/`)}">
<h1><code>${escapeHtml(part.id)}</code> · ${escapeHtml(pts(part.points))}</h1>
<p class="prompt">${prose(part.prompt).html}</p>
<section class="rubric-box" aria-labelledby="rubric-heading"><h2 id="rubric-heading">Rubric</h2>${rubric}</section>
<p class="progress" id="progress">${review.answers} answer(s) in ${review.groups.length} group(s) of identical text · <span id="scored-count">${review.scored}</span> scored</p>
<details class="keys" id="keys"><summary>Keyboard shortcuts</summary><dl>${keys}</dl></details>
<noscript><p class="msg">Scoring needs JavaScript; the answers read without it.</p></noscript>
${groups.join('\n')}
${review.groups.length === 0 ? '<p>No answer to this part awaits review.</p>' : ''}
${apart.length > 0 ? `<section aria-labelledby="apart-heading"><h2 id="apart-heading">Not for review</h2><ul>${apart.join('')}</ul></section>` : ''}
</main>`;
  return document(`Review ${part.id}: ${assignment.title}`, base, body, true);
}

function signed(x: number): string {
  return `${x > 0 ? '+' : ''}${points(x)}`;
}

/** The score a group shows: the one all its members share, or undefined when none or they differ. */
function sharedScore(members: readonly GroupMember[]): { score?: HandScore; mixed: boolean } {
  const scores = members.map((m) => m.score);
  const first = scores[0];
  const same = scores.every((s) => (s === undefined) === (first === undefined) && (!s || !first || (s.score === first.score && (s.comment ?? '') === (first.comment ?? '') && JSON.stringify(s.rubric ?? null) === JSON.stringify(first.rubric ?? null))));
  return same ? (first ? { score: first, mixed: false } : { mixed: false }) : { score: scores.find((s) => s !== undefined)!, mixed: true };
}

function groupCard(group: AnswerGroup, index: number, review: PartReview, withItems: boolean): string {
  const { part } = review;
  const id = `g-${group.key}`;
  const { score, mixed } = sharedScore(group.members);
  const items = part.rubricItems ?? [];
  const ticked = new Set(score?.rubric?.items ?? []);
  // A score from a sheet has no marks: shown as an adjustment of that many points, so the total reads the same.
  const adjustment = score ? (score.rubric?.adjustment ?? score.score) : withItems ? 0 : undefined;
  const count = group.members.length;
  const members = group.members
    .map((m) => `<li data-student="${escapeHtml(m.student)}" data-hash="${escapeHtml(m.answerHash)}" data-version="${m.version}">${escapeHtml(m.student)}${m.score && mixed ? ` <span class="muted">(${escapeHtml(points(m.score.score))})</span>` : ''}</li>`)
    .join('');
  const notes: string[] = [];
  if (mixed) {
    const some = group.members.filter((m) => m.score).length < group.members.length;
    notes.push(`${some ? 'Only some students of this group are scored' : 'The students of this group were scored differently'}; a score saved here applies to all of them.`);
  }
  for (const m of group.members) if (m.earlier) notes.push(`${escapeHtml(m.student)}: an earlier answer was scored ${escapeHtml(points(m.earlier.score))} / ${escapeHtml(points(part.points))}; this one awaits review.`);
  if (score && !score.rubric && withItems && score.source !== 'review page') notes.push(`Scored from ${escapeHtml(score.source)}, without rubric items.`);
  const scoredMembers = group.members.filter((m) => m.score).length;
  const badgeText = !mixed ? (score ? `${points(score.score)} / ${points(part.points)}` : 'not scored') : scoredMembers < count ? `${scoredMembers} of ${count} scored` : 'scores differ';
  const badge = `<span class="badge ${score && !mixed ? 'scored' : 'todo'}" data-badge>${escapeHtml(badgeText)}</span>`;
  const itemBoxes = items
    .map(
      (item, i) =>
        `<div class="item"><input type="checkbox" id="${id}-i${i}" data-index="${i}" data-points="${item.points}"${ticked.has(item.text) ? ' checked' : ''}><label for="${id}-i${i}">${i < 9 ? `<kbd>${i + 1}</kbd> ` : ''}<span class="pts">${escapeHtml(signed(item.points))}</span> ${prose(item.text).html}</label></div>`,
    )
    .join('');
  const adjustLabel = withItems ? 'Adjustment' : `Score (0 to ${points(part.points)})`;
  return `<section class="group${score && !mixed ? ' is-scored' : ''}" id="${id}" tabindex="-1" aria-labelledby="${id}-h" data-key="${escapeHtml(group.key)}">
<h2 id="${id}-h">Answer ${index + 1} of ${review.groups.length} <span class="count">· ${count} student${count === 1 ? '' : 's'}</span> ${badge}</h2>
<ul class="members" aria-label="Students with this answer">${members}</ul>
<div class="answer-text">${escapeHtml(group.answer)}</div>
${notes.map((n) => `<p class="note">${n}</p>`).join('\n')}
<form class="score" novalidate>
${withItems ? `<fieldset class="items"><legend>Rubric items</legend>${itemBoxes}</fieldset>` : ''}
<div class="row"><label for="${id}-adj">${escapeHtml(adjustLabel)}</label> <input type="number" id="${id}-adj" class="adj" step="any"${withItems ? '' : ` min="0" max="${part.points}"`} value="${adjustment === undefined ? '' : escapeHtml(String(adjustment))}" inputmode="decimal">
<output class="total" id="${id}-total" aria-live="off"></output></div>
<div class="row wide"><label for="${id}-comment">Comment to the student${count > 1 ? 's' : ''}</label>
<textarea id="${id}-comment" class="comment" rows="2">${escapeHtml(score?.comment ?? '')}</textarea></div>
<div class="actions"><button type="button" data-act="full">Full marks</button> <button type="button" data-act="zero">Zero</button> <button type="button" data-act="save">Save</button> <button type="button" data-act="clear">Clear score</button></div>
<p class="msg" role="alert"></p>
</form>
</section>`;
}
