import path from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.ts';
import type { SubmissionResult } from '../results/result.ts';
import { renderFeedbackDocument } from './render/feedback-document.ts';
import { htmlDocument } from './render/html-page.ts';
import { MATH_CSS, writeMathAssets } from './render/math-assets.ts';
import { partFigures, type PartFigure } from './render/part-figures.ts';
import { studentDir } from './student-dir.ts';
import type { Reporter, StudentReportContext } from './types.ts';
import type { Audience } from './render/visibility.ts';

const FEEDBACK_CSS = `
h3 { padding: .2rem .5rem; background: var(--bg-soft); border-radius: 4px; scroll-margin-top: .5rem; }
h2, h3 { scroll-margin-top: .5rem; }
h3:target { outline: 2px solid var(--info); }
h1 + p em { color: var(--muted); }
.toc { display: flex; flex-wrap: wrap; gap: 0 1.5rem; align-items: flex-start; }
.toc table { font-size: .85rem; margin: .25rem 0 .75rem; }
.toc th, .toc td { padding: .1rem .45rem; }
.toc code { background: none; padding: 0; }
.st-passed { color: var(--ok); } .st-failed, .st-invalid, .st-error { color: var(--bad); } .st-partial, .st-missing { color: var(--warn); } .st-pending { color: var(--info); }
summary { cursor: pointer; }
details.block { margin: .25rem 0 .75rem; color: var(--muted); } details.block[open] { color: inherit; }
.katex { font-size: 1.12em; }
.as-read { color: var(--muted); font-size: .9em; }
figure.plot { margin: .5rem 0 1rem; }
figure.plot figcaption { color: var(--muted); font-size: .9rem; margin-bottom: .2rem; }
figure.plot .plots { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
figure.plot svg { max-width: 100%; height: auto; }
figure.plot .axis { margin: 0; text-align: center; font-size: .85rem; color: var(--muted); }
`;

/** One student's feedback page for an audience, as Markdown and as HTML (plots from `partFigures`). */
export function renderFeedback(result: SubmissionResult, ctx: StudentReportContext, audience: Audience, figures: ReadonlyMap<string, PartFigure> = new Map()): { markdown: string; html: string } {
  const doc = renderFeedbackDocument(result, ctx, audience, figures);
  const title = `${ctx.assignment.title}: ${result.student}${audience === 'ta' ? ' (staff)' : ''}`;
  // The page sits in <out>/<student>/, the math stylesheet in <out>/assets/.
  return { markdown: doc.md, html: htmlDocument(title, doc.html, FEEDBACK_CSS, { stylesheets: [`../${MATH_CSS}`] }) };
}

/**
 * `<student>/feedback.md|html` for the student (hidden inputs withheld) and
 * `<student>/feedback-ta.md|html` for course staff (everything, with rubrics and mistake ids);
 * the math fonts once under `assets/`.
 */
export const feedbackReporter: Reporter = {
  name: 'feedback',
  // The math fonts' folder: a student named `assets` would share it.
  classFiles: [MATH_CSS.split('/')[0]!],
  async student(result, ctx) {
    const dir = studentDir(ctx.outDir, result.student);
    const figures = await partFigures(result);
    for (const [audience, stem] of [['student', 'feedback'], ['ta', 'feedback-ta']] as const) {
      const { markdown, html } = renderFeedback(result, ctx, audience, figures);
      await writeFileAtomic(path.join(dir, `${stem}.md`), markdown);
      await writeFileAtomic(path.join(dir, `${stem}.html`), html);
    }
  },
  async classWide(ctx) {
    await writeMathAssets(ctx.outDir);
  },
};
