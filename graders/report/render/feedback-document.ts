import type { LateInfo, PartResult, SubmissionResult } from '../../results/result.ts';
import type { ChoicePart, LatePolicy, PartSpec, Question } from '../../pack/types.ts';
import {
  anchoredHeading,
  anchorLink,
  blocks,
  code,
  details,
  disclosure,
  em,
  formula,
  heading,
  htmlOnly,
  join,
  lines,
  link,
  list,
  paragraph,
  prose,
  proseLines,
  quote,
  rule,
  strong,
  table,
  text,
  words,
  type Dual,
  type Item,
} from './dual-text.ts';
import { isShort, points } from './markdown-text.ts';
import { figureHtml, type PartFigure } from './part-figures.ts';
import { seedHex } from './seed-text.ts';
import type { StudentReportContext } from '../types.ts';
import { fillPart } from '../../pack/variant-binding.ts';
import { shownChecks, shownCounterexample, STATUS_LABEL, WITHHELD_TEXT, type Audience } from './visibility.ts';

/**
 * One student's feedback, as Markdown and as an HTML body written side by side. Every value that
 * comes from the submission or a checker message is escaped or fenced, so the Markdown reads the
 * same as text, on GitHub and once rendered, and the HTML shows it as text.
 */
export function renderFeedbackDocument(result: SubmissionResult, ctx: StudentReportContext, audience: Audience, figures: ReadonlyMap<string, PartFigure> = new Map()): Dual {
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
    out.push(quote(words(`${points(result.pendingPoints)} ${result.pendingPoints === 1 ? 'point is' : 'points are'} awaiting manual review and ${result.pendingPoints === 1 ? 'is' : 'are'} not yet counted.`)));
  }
  if (result.problems.length > 0) {
    out.push(heading(2, words('Problems with the submission')), list(result.problems.map((p) => ({ line: text(p) }))));
  }
  out.push(heading(2, words('Parts')), partsTables(result, assignment));

  const seen = new Set<string>();
  for (const question of assignment.questions) {
    const parts = question.parts.map((spec) => ({ spec, part: result.parts.find((p) => p.partId === spec.id) }));
    for (const { part } of parts) if (part) seen.add(part.partId);
    out.push(questionHeading(question, parts.map((p) => p.part)));
    // A question drawn per student: its prompts with this student's own numbers, which are shown.
    const variant = result.variants?.[question.id];
    if (variant) {
      const values = Object.entries(variant.values).map(([k, v]) => `${k} = ${v}`).join(', ');
      out.push(paragraph(strong(words('Your numbers: ')), text(values), words(' (variant '), code(variant.id), words(').')));
    }
    for (const { spec: template, part } of parts) {
      const spec = variant ? fillPart(template, variant.values) : template;
      out.push(part ? partSection(part, spec, audience, figures.get(part.partId)) : blocks([anchoredHeading(3, partAnchor(spec.id), code(spec.id)), paragraph(words('Not graded in this run.'))]));
    }
  }
  const orphans = result.parts.filter((p) => !seen.has(p.partId));
  if (orphans.length > 0) {
    out.push(anchoredHeading(2, 'other-parts', words('Other parts')));
    for (const part of orphans) out.push(partSection(part, undefined, audience, figures.get(part.partId)));
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
    rows.push(['Late', join([words('submitted '), text(result.late.submittedAt), words(`, ${lateText(result.late, ctx.assignment.latePolicy)}`)])]);
  } else if (ctx.assignment.due) {
    rows.push(['Late', words('no (on time)')]);
  }
  if (audience === 'ta' && result.isolation) rows.push(['Sandbox isolation', text(result.isolation)]);
  return table(
    [words('Total'), words(`${points(result.total)} / ${points(ctx.assignment.total)}`)],
    rows.map(([k, v]) => [words(k), v]),
  );
}

/** How late, and what it cost: `36 h late: 2 started days charged, 20% off (−10 points)`. */
export function lateText(late: LateInfo, policy: LatePolicy | undefined): string {
  const unit = policy?.per ?? 'day';
  const plural = (n: number) => `${points(n)} ${unit}${n === 1 ? '' : 's'}`;
  const lost = `(−${points(late.penalty)} points)`;
  const cost =
    policy && late.hoursLate > policy.maxLate * (unit === 'day' ? 24 : 1)
      ? `more than max_late (${plural(policy.maxLate)}): 0 ${lost}`
      : `${late.unitsCharged} started ${unit}${late.unitsCharged === 1 ? '' : 's'} charged, ${points(late.penaltyPercent)}% off ${lost}`;
  return `${duration(late.hoursLate)} late: ${cost}`;
}

/** Lateness as a person says it: minutes under an hour, hours to two days, days after that. */
export function duration(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 10) return `${Math.round(hours * 10) / 10} h`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round((hours / 24) * 10) / 10} days`;
}

/**
 * Every part, a table per question side by side (in HTML): a link to the part's section, its
 * status and score. Parts the pack no longer lists come last.
 */
function partsTables(result: SubmissionResult, assignment: StudentReportContext['assignment']): Dual {
  const byId = new Map(result.parts.map((p) => [p.partId, p]));
  const listed = new Set(assignment.questions.flatMap((q) => q.parts.map((p) => p.id)));
  const groups = assignment.questions.map((q) => ({ label: q.id, href: `question-${q.id}`, ids: q.parts.map((p) => p.id).filter((id) => byId.has(id)) }));
  const orphans = result.parts.map((p) => p.partId).filter((id) => !listed.has(id));
  if (orphans.length > 0) groups.push({ label: 'other', href: 'other-parts', ids: orphans });
  const tables = groups
    .filter((g) => g.ids.length > 0)
    .map((g) => {
      const parts = g.ids.map((id) => byId.get(id)!);
      const got = parts.reduce((sum, p) => sum + p.score, 0);
      const max = parts.reduce((sum, p) => sum + p.max, 0);
      const rows = parts.map((part) => [anchorLink(part.partId, partAnchor(part.partId)), status(part.status), words(`${points(part.score)} / ${points(part.max)}`)]);
      return table([join([anchorLink(g.label, g.href), words(` (${points(got)} / ${points(max)})`)]), words('status'), words('score')], rows);
    });
  return blocks([htmlOnly('<div class="toc">'), ...tables, htmlOnly('</div>')]);
}

/** A status label, classed in HTML so a page can colour it. */
function status(s: PartResult['status']): Dual {
  return { md: STATUS_LABEL[s], html: `<span class="st st-${s}">${STATUS_LABEL[s]}</span>` };
}

/** The id of a part's section on its page. */
export function partAnchor(partId: string): string {
  return `part-${partId}`;
}

function questionHeading(question: Question, parts: (PartResult | undefined)[]): Dual {
  const got = parts.reduce((s, p) => s + (p?.score ?? 0), 0);
  const max = question.parts.reduce((s, p) => s + p.points, 0);
  return anchoredHeading(2, `question-${question.id}`, text(question.id), words(': '), prose(question.title), words(` (${points(got)} / ${points(max)})`));
}

function partSection(part: PartResult, spec: PartSpec | undefined, audience: Audience, figure: PartFigure | undefined): Dual {
  const out: Dual[] = [anchoredHeading(3, partAnchor(part.partId), code(part.partId), words(`: ${STATUS_LABEL[part.status]}, ${points(part.score)} / ${points(part.max)}`))];
  if (spec?.prompt) out.push(paragraph(em(prose(spec.prompt))));
  const items: Item[] = [];
  const yours = audience === 'ta' ? 'Answer' : 'Your answer';
  if (part.kind === 'choice') {
    items.push(...choiceItems(part, spec?.kind === 'choice' ? spec : undefined, audience));
  } else {
    if (part.expected !== undefined) items.push(field('Expected', part.expected));
    if (audience === 'ta' && spec?.kind === 'formula') items.push(labelled('Reference formula', formula(spec.answer)));
    if (part.answer !== undefined) items.push(part.kind === 'formula' && part.status !== 'invalid' && isShort(part.answer) ? labelled(yours, formula(part.answer)) : field(yours, part.answer));
    else if (part.status === 'missing') items.push(labelled(yours, words('none found')));
  }
  if (part.manual) {
    // The hand comment is the part's feedback: said once, marked as the reviewer's.
    const comment = part.manual.comment;
    items.push(labelled('Scored by hand', comment ? lines(comment) : words(`${points(part.score)} / ${points(part.max)}, no comment`)));
  } else {
    const feedback = proseLines(part.feedback);
    items.push(labelled('Feedback', feedback.md ? feedback : words('(none)')));
  }
  if (audience === 'ta' && part.mistake) {
    const known = spec?.kind === 'formula' ? spec.mistakes.find((m) => m.id === part.mistake) : undefined;
    items.push(labelled('Known mistake', known ? join([code(part.mistake), words(': '), formula(known.formula)]) : code(part.mistake)));
  }
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
  if (part.status === 'pending' && audience === 'ta') items.push(labelled('Rubric', lines(part.rubric ?? '')));
  for (const note of part.notes ?? []) items.push(labelled('Note', proseLines(note)));
  items.push({ line: details(strong(words('Seed')), join([code(seedHex(part.seed)), words(` (as fast-check takes it: ${part.seed})`)])) });
  out.push(list(items));
  if (figure !== undefined && ce?.kind === 'shown') out.push(htmlOnly(figureHtml(figure, audience)));
  const checks = shownChecks(part, audience);
  if (checks.length > 0) {
    const rows = checks.map((c) => {
      const detail = c.message !== undefined ? text(c.message) : words(!c.ok && c.visibility === 'hidden' ? 'hidden: details not shown' : '');
      return [text(c.name), words(c.visibility), words(c.ok ? '✔ ok' : '✘ failed'), words(String(c.runs ?? '')), detail];
    });
    const checksTable = table(['check', 'visibility', 'result', 'inputs', 'detail'].map(words), rows);
    // Checks that all passed say nothing new: folded away on the page, so the failures stand out.
    const allOk = checks.every((c) => c.ok);
    out.push(allOk ? disclosure(words(`Checks: all ${checks.length} passed`), checksTable) : checksTable);
  }
  return blocks(out);
}

/**
 * A choice part says whether the pick is right in so many words, and lists the options apart:
 * the list is what could be chosen, not what was expected.
 */
function choiceItems(part: PartResult, spec: ChoicePart | undefined, audience: Audience): Item[] {
  const items: Item[] = [];
  const yours = audience === 'ta' ? 'Answer' : 'Your answer';
  if (part.answer === undefined) {
    items.push(labelled(yours, words(part.status === 'missing' ? 'none found' : '(none)')));
  } else {
    const verdict =
      part.status === 'passed' ? ' ✔ the right option' : part.status === 'partial' ? ' ✘ not the right option (partial credit)' : part.status === 'failed' ? ' ✘ not the right option' : part.status === 'invalid' ? ' ⚠ not one of the options' : '';
    items.push(labelled(yours, join([code(part.answer), words(verdict)])));
  }
  const options = spec?.options ?? (part.expected?.startsWith('one of: ') ? part.expected.slice('one of: '.length).split(', ') : undefined);
  if (options) items.push(labelled('Options', join(options.map((o) => code(o)), ', ')));
  if (audience === 'ta' && spec) items.push(labelled('Right option', code(spec.expected)));
  return items;
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
