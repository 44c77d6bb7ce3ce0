import type { PartResult, SubmissionResult } from '../../results/result.ts';
import { entriesPlot, formulaCurvePlot, renderChartSvg } from './charts.ts';
import { escapeHtml } from './html-page.ts';
import { outputEntries } from './value-entries.ts';
import type { Audience } from './visibility.ts';

/** A part's plots, drawn once, and the words around them for each audience. */
export interface PartFigure {
  kind: 'formula-plot' | 'entries-plot';
  /** The plots' markup. */
  plots: string;
  caption: Record<Audience, string>;
}

/**
 * The plots of one student's parts, by part id: where a formula parts from the reference, and the
 * entries of a code part's output against the expected ones. Rendered once per student and shown
 * on each page whose audience may see the part's counterexample (the page decides).
 */
export async function partFigures(result: SubmissionResult): Promise<Map<string, PartFigure>> {
  const figures = new Map<string, PartFigure>();
  let n = 0;
  for (const part of result.parts) {
    const figure = await partFigure(part, () => `plot${(n += 1)}`);
    if (figure !== undefined) figures.set(part.partId, figure);
  }
  return figures;
}

/** The figure as one audience's page shows it. */
export function figureHtml(figure: PartFigure, audience: Audience): string {
  return `<figure class="plot ${figure.kind}"><figcaption>${escapeHtml(figure.caption[audience])}</figcaption><div class="plots">${figure.plots}</div></figure>`;
}

async function partFigure(part: PartResult, scope: () => string): Promise<PartFigure | undefined> {
  const ce = part.counterexample;
  if (!ce) return undefined;
  if (ce.curves?.length) {
    const plots: string[] = [];
    for (const curve of ce.curves) {
      const svg = await renderChartSvg(formulaCurvePlot(curve), scope());
      plots.push(`<div class="curve">${svg}<p class="axis">${escapeHtml(`${curve.variable} (counterexample ◆ at ${curve.variable} = ${curve.at})`)}</p></div>`);
    }
    const where = ce.curves.length === 1 ? 'around the counterexample (◆).' : 'along each variable through the counterexample (◆), the other variables held at its values.';
    return {
      kind: 'formula-plot',
      plots: plots.join('\n'),
      caption: { student: `Your formula (dashed) and the reference (solid) ${where}`, ta: `The student's formula (dashed) and the reference (solid) ${where}` },
    };
  }
  if (part.kind !== 'code' && part.kind !== 'gradient') return undefined;
  const entries = outputEntries(ce.expected, ce.actual);
  if (!entries) return undefined;
  const svg = await renderChartSvg(entriesPlot(entries), scope());
  const reported = ce.where ? ` The entry reported: ${ce.where}.` : '';
  return {
    kind: 'entries-plot',
    plots: svg,
    caption: {
      student: `Expected (●) and returned (◆) entries of your function's output on the counterexample input.${reported}`,
      ta: `Expected (●) and returned (◆) entries of the student's output on the counterexample input.${reported}`,
    },
  };
}
