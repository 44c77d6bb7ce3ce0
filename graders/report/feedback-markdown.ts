import type { PartResult, SubmissionResult } from '../engine/result.ts';
import type { PartSpec, Question } from '../spec/types.ts';
import { codeBlock, codeSpan, inlineText, isShort, paragraphText, points } from './markdown-text.ts';
import type { StudentReportContext } from './types.ts';
import { shownChecks, shownCounterexample, STATUS_LABEL, WITHHELD_TEXT, type Audience } from './visibility.ts';

/**
 * One student's feedback as Markdown. Every value that comes from the submission or a checker
 * message is escaped or fenced, so the file reads the same as text, on GitHub and once rendered.
 */
export function renderFeedbackMarkdown(result: SubmissionResult, ctx: StudentReportContext, audience: Audience): string {
  const out: string[] = [];
  const { assignment } = ctx;
  out.push(`# ${inlineText(assignment.title)}: feedback for ${inlineText(result.student)}`);
  if (audience === 'ta') out.push('*Course staff version: hidden checks and their inputs are shown.* [Class summary](../index.html)');

  out.push(summaryTable(result, ctx, audience));
  if (ctx.run.visibleOnly || result.visibleOnly) {
    out.push('> **Only visible checks were run.** Hidden checks were not run, so this score is not final: the course staff grade every check after the deadline.');
  }
  if (result.pendingPoints > 0) {
    out.push(`> ${points(result.pendingPoints)} points are awaiting manual review and are not yet counted.`);
  }
  if (result.problems.length > 0) {
    out.push('## Problems with the submission', result.problems.map((p) => `- ${inlineText(p)}`).join('\n'));
  }

  const seen = new Set<string>();
  for (const question of assignment.questions) {
    const parts = question.parts.map((spec) => ({ spec, part: result.parts.find((p) => p.partId === spec.id) }));
    for (const { part } of parts) if (part) seen.add(part.partId);
    out.push(questionHeading(question, parts.map((p) => p.part)));
    for (const { spec, part } of parts) out.push(part ? partSection(part, spec, audience) : `### ${codeSpan(spec.id)}\n\nNot graded in this run.`);
  }
  const orphans = result.parts.filter((p) => !seen.has(p.partId));
  if (orphans.length > 0) {
    out.push('## Other parts');
    for (const part of orphans) out.push(partSection(part, undefined, audience));
  }
  out.push('---', `*${runLine(ctx)}*`);
  return `${out.join('\n\n')}\n`;
}

function summaryTable(result: SubmissionResult, ctx: StudentReportContext, audience: Audience): string {
  const rows: [string, string][] = [];
  const graded = `${points(result.score)} of ${points(result.max)} graded points`;
  rows.push(['Score', result.pendingPoints > 0 ? `${graded} (+${points(result.pendingPoints)} pending review)` : graded]);
  if (result.late) {
    const l = result.late;
    const unit = ctx.assignment.latePolicy?.per ?? 'day';
    rows.push([
      'Late',
      `submitted ${inlineText(l.submittedAt)}, ${points(l.hoursLate)} h late: ${l.unitsCharged} started ${unit}${l.unitsCharged === 1 ? '' : 's'} charged, ${points(l.penaltyPercent)}% off (−${points(l.penalty)} points)`,
    ]);
  } else if (ctx.assignment.due) {
    rows.push(['Late', 'no (on time)']);
  }
  if (audience === 'ta' && result.isolation) rows.push(['Sandbox isolation', inlineText(result.isolation)]);
  const total = `| Total | ${points(result.total)} / ${points(ctx.assignment.total)} |`;
  return [total, '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

function questionHeading(question: Question, parts: (PartResult | undefined)[]): string {
  const got = parts.reduce((s, p) => s + (p?.score ?? 0), 0);
  const max = question.parts.reduce((s, p) => s + p.points, 0);
  return `## ${inlineText(question.id)}: ${inlineText(question.title)} (${points(got)} / ${points(max)})`;
}

function partSection(part: PartResult, spec: PartSpec | undefined, audience: Audience): string {
  const lines: string[] = [`### ${codeSpan(part.partId)}: ${STATUS_LABEL[part.status]}, ${points(part.score)} / ${points(part.max)}`];
  if (spec?.prompt) lines.push(`*${inlineText(spec.prompt)}*`);
  const items: string[] = [];
  if (part.expected !== undefined) items.push(field('Expected', part.expected));
  if (part.answer !== undefined) items.push(field(audience === 'ta' ? 'Answer' : 'Your answer', part.answer));
  else if (part.status === 'missing') items.push('- **Your answer:** none found');
  items.push(`- **Feedback:** ${paragraphText(part.feedback) || '(none)'}`);
  if (audience === 'ta' && part.mistake) items.push(`- **Known mistake:** ${codeSpan(part.mistake)}`);
  if (part.status === 'error') items.push(`- **Why it could not be graded:** ${paragraphText(part.reason)}`);
  const ce = shownCounterexample(part, audience);
  if (ce?.kind === 'withheld') items.push(`- **Counterexample:** ${WITHHELD_TEXT}`);
  if (ce?.kind === 'shown') {
    const c = ce.value;
    const hiddenTag = c.hidden ? ' (from a hidden check, not shown to the student)' : '';
    items.push(`- **Counterexample${hiddenTag}:**`);
    items.push(field('Input', c.input, 2), field('Expected', c.expected, 2), field('Got', c.actual, 2));
    if (c.where) items.push(field('Where', c.where, 2));
  }
  items.push(`- **Seed:** ${part.seed}`);
  if (part.status === 'pending' && audience === 'ta') items.push(`- **Rubric:** ${paragraphText(part.rubric)}`);
  for (const note of part.notes ?? []) items.push(`- **Note:** ${paragraphText(note)}`);
  if (part.manual) items.push(`- **Scored by hand**${part.manual.comment ? `: ${paragraphText(part.manual.comment)}` : ''}`);
  lines.push(items.join('\n'));
  const checks = shownChecks(part, audience);
  if (checks.length > 0) {
    const rows = checks.map((c) => {
      const detail = c.message !== undefined ? inlineText(c.message) : !c.ok && c.visibility === 'hidden' ? 'hidden: details not shown' : '';
      return `| ${inlineText(c.name)} | ${c.visibility} | ${c.ok ? '✔ ok' : '✘ failed'} | ${c.runs ?? ''} | ${detail} |`;
    });
    lines.push(['| check | visibility | result | inputs | detail |', '| --- | --- | --- | --- | --- |', ...rows].join('\n'));
  }
  return lines.join('\n\n');
}

/** A `- **Label:** value` list item; long or multi-line values get a fenced block under it. */
function field(label: string, value: string, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (isShort(value)) return `${pad}- **${label}:** ${value === '' ? '(empty)' : codeSpan(value)}`;
  return `${pad}- **${label}:**\n\n${codeBlock(value, indent + 2)}\n`;
}

function runLine(ctx: StudentReportContext): string {
  const r = ctx.run;
  const salt = r.seedSalt ? `, seed salt ${codeSpan(r.seedSalt)}` : '';
  return `Graded by dlgrade ${inlineText(r.version)} with spec ${codeSpan(r.spec)}${salt}; ${r.visibleOnly ? 'visible checks only' : 'all checks'}.`;
}
