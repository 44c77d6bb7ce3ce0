import type { PartResult, SubmissionResult } from '../../results/result.ts';
import { entriesPlot, formulaCurvePlot, renderChartSvg } from './charts.ts';
import { escapeHtml } from './html-page.ts';
import { outputEntries } from './value-entries.ts';

/**
 * The plots of one student's parts, by part id: where a formula parts from the reference, and the
 * entries of a code part's output against the expected ones. Rendered once per student and shown
 * on each page whose audience may see the part's counterexample (the page decides).
 */
export async function partFigures(result: SubmissionResult): Promise<Map<string, string>> {
  const figures = new Map<string, string>();
  let n = 0;
  for (const part of result.parts) {
    const figure = await partFigure(part, () => `plot${(n += 1)}`);
    if (figure !== undefined) figures.set(part.partId, figure);
  }
  return figures;
}

async function partFigure(part: PartResult, scope: () => string): Promise<string | undefined> {
  const ce = part.counterexample;
  if (!ce) return undefined;
  if (ce.curves?.length) {
    const svgs: string[] = [];
    for (const curve of ce.curves) {
      const svg = await renderChartSvg(formulaCurvePlot(curve), scope());
      svgs.push(`<div class="curve">${svg}<p class="axis">${escapeHtml(`${curve.variable} (counterexample ◆ at ${curve.variable} = ${curve.at})`)}</p></div>`);
    }
    const caption =
      ce.curves.length === 1
        ? `Your formula (dashed) and the reference (solid) around the counterexample (◆).`
        : `Your formula (dashed) and the reference (solid) along each variable through the counterexample (◆), the other variables held at its values.`;
    return figureHtml('formula-plot', caption, svgs);
  }
  if (part.kind !== 'code' && part.kind !== 'gradient') return undefined;
  const entries = outputEntries(ce.expected, ce.actual);
  if (!entries) return undefined;
  const svg = await renderChartSvg(entriesPlot(entries), scope());
  const reported = ce.where ? ` The entry reported: ${ce.where}.` : '';
  return figureHtml('entries-plot', `Expected (●) and returned (◆) entries of the output on the counterexample input.${reported}`, [svg]);
}

function figureHtml(kind: string, caption: string, svgs: readonly string[]): string {
  return `<figure class="plot ${kind}"><figcaption>${escapeHtml(caption)}</figcaption><div class="plots">${svgs.join('\n')}</div></figure>`;
}
