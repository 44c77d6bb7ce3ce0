import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { PartStatus } from '../../results/result.ts';
import { PART_STATUSES } from '../../results/result.ts';

/** Colours per outcome, shared by the charts and the page. */
export const STATUS_COLORS: Record<PartStatus, string> = {
  passed: '#2da44e',
  partial: '#d4a72c',
  failed: '#cf222e',
  missing: '#8c959f',
  invalid: '#bc4c00',
  error: '#8250df',
  pending: '#54aeff',
};

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const CONFIG = { font: FONT, view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11 } };

/**
 * Compiles a Vega-Lite spec and renders it to a static SVG string in this process, so the page
 * needs no script and no network to show it. Element ids are prefixed with `scope`, since several
 * charts share one page and Vega numbers its clip paths from 1 in each.
 */
export async function renderChartSvg(spec: TopLevelSpec, scope: string): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg.replace(/\bid="([^"]+)"/g, `id="${scope}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${scope}-$1)`).replace(/href="#([^"]+)"/g, `href="#${scope}-$1"`);
  } finally {
    view.finalize();
  }
}

/** Histogram of students' totals over [0, assignment total], ten bins. */
export function totalsHistogram(totals: readonly number[], outOf: number): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Distribution of total scores',
    width: 520,
    height: 200,
    config: CONFIG,
    data: { values: totals.map((total) => ({ total })) },
    mark: { type: 'bar', color: '#0969da', tooltip: true },
    encoding: {
      x: { field: 'total', type: 'quantitative', bin: { extent: [0, outOf], step: outOf / 10 }, title: `Total (out of ${outOf})` },
      y: { aggregate: 'count', type: 'quantitative', title: 'Students', axis: { tickMinStep: 1 } },
    },
  };
}

/** Box plot (with every student as a dot) of the percentage scored in each question. */
export function questionBoxplot(rows: readonly { question: string; percent: number }[], questionOrder: readonly string[]): TopLevelSpec {
  const x = { field: 'question', type: 'nominal' as const, sort: [...questionOrder], title: 'Question', axis: { labelAngle: 0 } };
  const y = { field: 'percent', type: 'quantitative' as const, title: 'Score (% of the question)', scale: { domain: [0, 100] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Score distribution per question',
    width: { step: 70 },
    height: 220,
    config: CONFIG,
    data: { values: rows.map((r) => ({ ...r })) },
    layer: [
      { mark: { type: 'boxplot', extent: 'min-max', size: 28, color: '#8ec5ff' }, encoding: { x, y } },
      { mark: { type: 'point', filled: true, color: '#0a3069', opacity: 0.7, size: 30 }, encoding: { x, y } },
    ],
  };
}

/** Stacked bars: how many students got each outcome on each part. */
export function partOutcomes(rows: readonly { part: string; status: PartStatus; count: number }[], partOrder: readonly string[]): TopLevelSpec {
  const present = PART_STATUSES.filter((s) => rows.some((r) => r.status === s && r.count > 0));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Outcome per part',
    width: 420,
    height: { step: 16 },
    config: CONFIG,
    data: { values: rows.filter((r) => r.count > 0).map((r) => ({ ...r, order: present.indexOf(r.status) })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'part', type: 'nominal', sort: [...partOrder], title: null, axis: { labelLimit: 320 } },
      x: { field: 'count', type: 'quantitative', title: 'Students', axis: { tickMinStep: 1 } },
      color: { field: 'status', type: 'nominal', title: 'Outcome', scale: { domain: present, range: present.map((s) => STATUS_COLORS[s]) } },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}
