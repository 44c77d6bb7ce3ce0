import type { PartResult, SubmissionResult } from '../results/result.ts';
import type { PartSpec, Question } from '../pack/types.ts';
import { blocks, code, em, heading, join, lines, link, list, paragraph, quote, rule, strong, table, text, words, type Dual, type Item } from './dual-text.ts';
import { isShort, points } from './markdown-text.ts';
import type { StudentReportContext } from './types.ts';
import { shownChecks, shownCounterexample, STATUS_LABEL, WITHHELD_TEXT, type Audience } from './visibility.ts';

/**
 * One student's feedback, as Markdown and as an HTML body written side by side. Every value that
 * comes from the submission or a checker message is escaped or fenced, so the Markdown reads the
 * same as text, on GitHub and once rendered, and the HTML shows it as text.
 */
export function renderFeedbackDocument(result: SubmissionResult, ctx: StudentReportContext, audience: Audience): Dual {
  const out: Dual[] = [];
  const { assignment } = ctx;
  out.push(heading(1, text(assignment.title), words(': feedback for '), text(result.student)));
  if (audience === 'ta') {
    out.push(paragraph(em(words('Course staff version: hidden checks and their inputs are shown.')), words(' '), link('Class summary', '../index.html')));
    // The roster's identity is for course staff only: the student's own version never shows it.
    const who = result.identity;
    const identity = who ? [who.name, who.email, who.sisId && `SIS ${who.sisId}`, who.section && `section ${who.section}`].filter((x): x is string => Boolean(x)) : [];
    if (identity.length > 0) out.push(paragraph(words('Student: '), text(identity.join(' · '))));
  }
  if (result.status === 'not submitted') out.push(quote(strong(words('Not submitted.')), words(' No submission was received, so every part scores 0.')));

  out.push(summaryTable(result, ctx, audience));
  if (ctx.run.visibleOnly || result.visibleOnly) {
    out.push(
      quote(
        strong(words('Only visible checks were run.')),
        words(' Hidden checks were not run, so this score is not final: the course staff grade every check after the deadline.'),
      ),
    );
  }
  if (result.pendingPoints > 0) {
    out.push(quote(words(`${points(result.pendingPoints)} points are awaiting manual review and are not yet counted.`)));
  }
  if (result.problems.length > 0) {
    out.push(heading(2, words('Problems with the submission')), list(result.problems.map((p) => ({ line: text(p) }))));
  }

  const seen = new Set<string>();
  for (const question of assignment.questions) {
    const parts = question.parts.map((spec) => ({ spec, part: result.parts.find((p) => p.partId === spec.id) }));
    for (const { part } of parts) if (part) seen.add(part.partId);
    out.push(questionHeading(question, parts.map((p) => p.part)));
    for (const { spec, part } of parts) {
      out.push(part ? partSection(part, spec, audience) : blocks([heading(3, code(spec.id)), paragraph(words('Not graded in this run.'))]));
    }
  }
  const orphans = result.parts.filter((p) => !seen.has(p.partId));
  if (orphans.length > 0) {
    out.push(heading(2, words('Other parts')));
    for (const part of orphans) out.push(partSection(part, undefined, audience));
  }
  out.push(rule, paragraph(em(runLine(ctx))));
  const doc = blocks(out);
  return { md: `${doc.md}\n`, html: doc.html };
}

function summaryTable(result: SubmissionResult, ctx: StudentReportContext, audience: Audience): Dual {
  const rows: [string, Dual][] = [];
  const graded = `${points(result.score)} of ${points(result.max)} graded points`;
  rows.push(['Score', words(result.pendingPoints > 0 ? `${graded} (+${points(result.pendingPoints)} pending review)` : graded)]);
  if (result.late) {
    const l = result.late;
    const unit = ctx.assignment.latePolicy?.per ?? 'day';
    const charged = `${l.unitsCharged} started ${unit}${l.unitsCharged === 1 ? '' : 's'} charged`;
    rows.push([
      'Late',
      join([words('submitted '), text(l.submittedAt), words(`, ${points(l.hoursLate)} h late: ${charged}, ${points(l.penaltyPercent)}% off (−${points(l.penalty)} points)`)]),
    ]);
  } else if (ctx.assignment.due) {
    rows.push(['Late', words('no (on time)')]);
  }
  if (audience === 'ta' && result.isolation) rows.push(['Sandbox isolation', text(result.isolation)]);
  return table(
    [words('Total'), words(`${points(result.total)} / ${points(ctx.assignment.total)}`)],
    rows.map(([k, v]) => [words(k), v]),
  );
}

function questionHeading(question: Question, parts: (PartResult | undefined)[]): Dual {
  const got = parts.reduce((s, p) => s + (p?.score ?? 0), 0);
  const max = question.parts.reduce((s, p) => s + p.points, 0);
  return heading(2, text(question.id), words(': '), text(question.title), words(` (${points(got)} / ${points(max)})`));
}

function partSection(part: PartResult, spec: PartSpec | undefined, audience: Audience): Dual {
  const out: Dual[] = [heading(3, code(part.partId), words(`: ${STATUS_LABEL[part.status]}, ${points(part.score)} / ${points(part.max)}`))];
  if (spec?.prompt) out.push(paragraph(em(text(spec.prompt))));
  const items: Item[] = [];
  if (part.expected !== undefined) items.push(field('Expected', part.expected));
  if (part.answer !== undefined) items.push(field(audience === 'ta' ? 'Answer' : 'Your answer', part.answer));
  else if (part.status === 'missing') items.push(labelled('Your answer', words('none found')));
  const feedback = lines(part.feedback);
  items.push(labelled('Feedback', feedback.md ? feedback : words('(none)')));
  if (audience === 'ta' && part.mistake) items.push(labelled('Known mistake', code(part.mistake)));
  if (part.status === 'error') items.push(labelled('Why it could not be graded', lines(part.reason)));
  const ce = shownCounterexample(part, audience);
  if (ce?.kind === 'withheld') items.push(labelled('Counterexample', words(WITHHELD_TEXT)));
  if (ce?.kind === 'shown') {
    const c = ce.value;
    const hiddenTag = c.hidden ? ' (from a hidden check, not shown to the student)' : '';
    const children = [field('Input', c.input), field('Expected', c.expected), field('Got', c.actual)];
    if (c.where) children.push(field('Where', c.where));
    items.push({ line: strong(words(`Counterexample${hiddenTag}:`)), children });
  }
  items.push(labelled('Seed', words(String(part.seed))));
  if (part.status === 'pending' && audience === 'ta') items.push(labelled('Rubric', lines(part.rubric ?? '')));
  for (const note of part.notes ?? []) items.push(labelled('Note', lines(note)));
  if (part.manual) {
    const comment = part.manual.comment;
    items.push({ line: join([strong(words('Scored by hand')), ...(comment ? [words(': '), lines(comment)] : [])]) });
  }
  out.push(list(items));
  const checks = shownChecks(part, audience);
  if (checks.length > 0) {
    const rows = checks.map((c) => {
      const detail = c.message !== undefined ? text(c.message) : words(!c.ok && c.visibility === 'hidden' ? 'hidden: details not shown' : '');
      return [text(c.name), words(c.visibility), words(c.ok ? '✔ ok' : '✘ failed'), words(String(c.runs ?? '')), detail];
    });
    out.push(table(['check', 'visibility', 'result', 'inputs', 'detail'].map(words), rows));
  }
  return blocks(out);
}

/** `- **Label:** value`. */
function labelled(label: string, value: Dual): Item {
  return { line: join([strong(words(`${label}:`)), words(' '), value]) };
}

/** A labelled value: inline when short, else in a fenced block under the label. */
function field(label: string, value: string): Item {
  if (isShort(value)) return labelled(label, value === '' ? words('(empty)') : code(value));
  return { line: strong(words(`${label}:`)), block: value };
}

function runLine(ctx: StudentReportContext): Dual {
  const r = ctx.run;
  return join([
    words('Graded by dlgrade '),
    text(r.version),
    words(' with spec '),
    code(r.spec),
    ...(r.seedSalt ? [words(', seed salt '), code(r.seedSalt)] : []),
    words(`; ${r.visibleOnly ? 'visible checks only' : 'all checks'}.`),
  ]);
}
