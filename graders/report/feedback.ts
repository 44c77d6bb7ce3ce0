import path from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.ts';
import type { SubmissionResult } from '../results/result.ts';
import { renderFeedbackDocument } from './render/feedback-document.ts';
import { htmlDocument } from './render/html-page.ts';
import { studentDir } from './student-dir.ts';
import type { Reporter, StudentReportContext } from './types.ts';
import type { Audience } from './render/visibility.ts';

const FEEDBACK_CSS = `
h3 { padding: .2rem .5rem; background: var(--bg-soft); border-radius: 4px; }
h1 + p em { color: var(--muted); }
`;

/** One student's feedback page for an audience, as Markdown and as self-contained HTML. */
export function renderFeedback(result: SubmissionResult, ctx: StudentReportContext, audience: Audience): { markdown: string; html: string } {
  const doc = renderFeedbackDocument(result, ctx, audience);
  const title = `${ctx.assignment.title}: ${result.student}${audience === 'ta' ? ' (staff)' : ''}`;
  return { markdown: doc.md, html: htmlDocument(title, doc.html, FEEDBACK_CSS) };
}

/**
 * `<student>/feedback.md|html` for the student (hidden inputs withheld) and
 * `<student>/feedback-ta.md|html` for course staff (everything, with rubrics and mistake ids).
 */
export const feedbackReporter: Reporter = {
  name: 'feedback',
  async student(result, ctx) {
    const dir = studentDir(ctx.outDir, result.student);
    for (const [audience, stem] of [['student', 'feedback'], ['ta', 'feedback-ta']] as const) {
      const { markdown, html } = renderFeedback(result, ctx, audience);
      await writeFileAtomic(path.join(dir, `${stem}.md`), markdown);
      await writeFileAtomic(path.join(dir, `${stem}.html`), html);
    }
  },
};
