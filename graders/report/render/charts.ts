import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Curve, PartStatus } from '../../results/result.ts';
import { PART_STATUSES } from '../../results/result.ts';

/** Colours per outcome, shared by the charts and the page's badges: white text on each is 4.5:1 or more (WCAG AA). */
export const STATUS_COLORS: Record<PartStatus, string> = {
  passed: '#1a7f37',
  partial: '#9a6700',
  failed: '#cf222e',
  missing: '#59636e',
  invalid: '#bc4c00',
  error: '#8250df',
  pending: '#0969da',
};

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const CONFIG = { font: FONT, view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11 } };

/**
 * A chart whose spec is the same for every use (compiled and parsed once) and whose values come
 * as named datasets and signals: the plots of every student's page share their spec, and compiling
 * Vega-Lite costs more than parsing and drawing the result.
 */
export interface TemplateChart {
  spec: TopLevelSpec;
  data: Record<string, readonly object[]>;
  signals?: Record<string, unknown>;
}

// A template's Vega dataflow, compiled and parsed once: parsing (scales, axes, marks) costs about
// as much as drawing. A view may write into the objects it is built from, so each gets a copy.
const parsed = new Map<string, ReturnType<typeof parse>>();

/**
 * Compiles a Vega-Lite spec and renders it to a static SVG string in this process, so the page
 * needs no script and no network to show it. Element ids are prefixed with `scope`, since several
 * charts share one page and Vega numbers its clip paths from 1 in each.
 */
export async function renderChartSvg(chart: TopLevelSpec | TemplateChart, scope: string): Promise<string> {
  const template = 'data' in chart && 'spec' in chart ? (chart as TemplateChart) : undefined;
  if (!template) return scopeIds(await drawSvg(parse(compile(chart as TopLevelSpec).spec)), scope);
  const specKey = JSON.stringify(template.spec);
  const key = `${specKey}\n${valuesKey(template.data)}\n${valuesKey(template.signals ?? {})}`;
  let svg = drawn.get(key);
  if (svg === undefined) {
    let once = parsed.get(specKey);
    if (once === undefined) {
      once = parse(compile(template.spec).spec);
      parsed.set(specKey, once);
    }
    svg = await drawSvg(structuredClone(once), template);
    if (drawn.size >= DRAWN_LIMIT) drawn.delete(drawn.keys().next().value!);
    drawn.set(key, svg);
  }
  return scopeIds(svg, scope);
}

// Students who make the same mistake get the same plot (about four in five plots of a class
// repeat one drawn before), and drawing one costs about 18 ms. The SVG is kept before its ids are
// scoped: scopeIds numbers ids by order of appearance, so the page gets what a fresh drawing gives.
// Bounded, since a class of a thousand students' distinct plots need not all stay in memory.
const drawn = new Map<string, string>();
const DRAWN_LIMIT = 256;

/**
 * The values of a template as a cache key. JSON alone would make NaN, the infinities and null
 * one key, and -0 the same as 0, though Vega may draw them apart; a key Vega draws apart must not
 * be shared, so those numbers are spelt out (as a one-key object no dataset of ours holds).
 */
function valuesKey(values: object): string {
  return JSON.stringify(values, (_k, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? { '\u0000number': String(Object.is(v, -0) ? '-0' : v) } : v));
}

async function drawSvg(runtime: ReturnType<typeof parse>, template?: TemplateChart): Promise<string> {
  const view = new View(runtime, { renderer: 'none' });
  try {
    if (template) {
      for (const [name, value] of Object.entries(template.signals ?? {})) view.signal(name, value);
      for (const [name, rows] of Object.entries(template.data)) view.data(name, rows.map((r) => ({ ...r })));
    }
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renames the SVG's element ids `<scope>-1`, `<scope>-2`, ... in order of appearance, and the
 * references to them. Vega numbers clip paths with a counter of the whole process, so its own
 * ids depend on how many charts were drawn before: a page must not depend on which students
 * were graded first.
 */
function scopeIds(svg: string, scope: string): string {
  const ids = new Map<string, string>();
  for (const [, id] of svg.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(id!)) ids.set(id!, `${scope}-${ids.size + 1}`);
  const rename = (id: string) => ids.get(id) ?? id;
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${rename(id)})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${rename(id)}"`);
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

/** The two series of a plot of a student's answer against the reference. */
export const SERIES_COLORS = { reference: '#0969da', student: '#bc4c00' } as const;
const SERIES = { reference: 'reference', student: 'answer' } as const;

/**
 * A student's formula (dashed) against the reference (solid) along one variable, the counterexample
 * marked with a rule and a point on each curve. The vertical range is the reference's and the
 * counterexample's, so a formula that runs off to infinity does not flatten the reference; the
 * variable is named by the page, beside the plot.
 */
export function formulaCurvePlot(curve: Curve): TemplateChart {
  const i = curve.x.indexOf(curve.at);
  const atExpected = curve.expected[i] ?? null;
  const atActual = curve.actual[i] ?? null;
  const rows = curve.x.flatMap((x, k) => [
    { x, y: curve.expected[k] ?? null, series: SERIES.reference },
    { x, y: curve.actual[k] ?? null, series: SERIES.student },
  ]);
  const marks = [
    ...(atExpected === null ? [] : [{ x: curve.at, y: atExpected, series: SERIES.reference }]),
    ...(atActual === null ? [] : [{ x: curve.at, y: atActual, series: SERIES.student }]),
  ];
  const ys = [...curve.expected, atActual].filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = ys.length ? Math.min(...ys) : 0;
  const hi = ys.length ? Math.max(...ys) : 1;
  const pad = hi > lo ? (hi - lo) * 0.08 : Math.max(1, Math.abs(lo)) * 0.1;
  const points = curve.x.length <= 41 && curve.x.every(Number.isInteger);
  return { spec: curvePlotSpec(points), data: { rows, marks, at: [{ x: curve.at }] }, signals: { ylo: lo - pad, yhi: hi + pad } };
}

function curvePlotSpec(points: boolean): TopLevelSpec {
  const series = [SERIES.reference, SERIES.student];
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: series, range: [SERIES_COLORS.reference, SERIES_COLORS.student] }, legend: { orient: 'top' as const } };
  // A few pixels of room at the ends: a counterexample on the domain's bound stays whole.
  const x = { field: 'x', type: 'quantitative' as const, title: null, scale: { zero: false, nice: false, padding: 6 } };
  const y = { field: 'y', type: 'quantitative' as const, title: null, scale: { domain: { expr: '[ylo, yhi]' }, zero: false, nice: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Your answer and the reference along one variable, the other variables held at the counterexample',
    width: 230,
    height: 150,
    config: CONFIG,
    params: [
      { name: 'ylo', value: 0 },
      { name: 'yhi', value: 1 },
    ],
    layer: [
      {
        name: 'curves',
        data: { name: 'rows' },
        mark: { type: 'line', clip: true, invalid: 'break-paths-filter-domains', point: points },
        encoding: { x, y, color, strokeDash: { field: 'series', type: 'nominal', scale: { domain: series, range: [[1, 0], [5, 3]] } } },
      },
      {
        data: { name: 'at' },
        mark: { type: 'rule', color: '#59636e', strokeDash: [2, 2] },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
      {
        // Named, so the SVG marks the counterexample's points with a class of their own.
        name: 'counterexample',
        data: { name: 'marks' },
        // Never clipped: both values at the counterexample are inside the vertical range.
        mark: { type: 'point', shape: 'diamond', filled: true, size: 120, stroke: '#1f2328', strokeWidth: 1, opacity: 1 },
        encoding: { x, y, color },
      },
    ],
  };
}

/** One number of a code part's output: where it sits, what was expected, what came back. */
export interface Entry {
  path: string;
  expected: number;
  actual: number;
}

/**
 * Expected and returned entries of a code part's output side by side: a dot per entry for each,
 * joined by a rule, so the entries that differ stand out.
 */
export function entriesPlot(entries: readonly Entry[]): TemplateChart {
  const rows = entries.flatMap((e) => [
    { path: e.path, value: e.expected, series: SERIES.reference },
    { path: e.path, value: e.actual, series: SERIES.student },
  ]);
  const spans = entries.map((e) => ({ path: e.path, lo: Math.min(e.expected, e.actual), hi: Math.max(e.expected, e.actual) }));
  // A handful of entries at 16 px each made a plot too narrow to read: a few are spread over a fixed width.
  return { spec: entries.length <= FEW_ENTRIES ? ENTRIES_SPEC_FEW : ENTRIES_SPEC, data: { rows, spans } };
}

const FEW_ENTRIES = 12;

const ENTRIES_X = { field: 'path', type: 'nominal' as const, sort: null, title: null, axis: { labelAngle: -60, labelLimit: 90 } };
const ENTRIES_SPEC = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  description: 'Expected and returned entries of the output on the counterexample',
  width: { step: 16 },
  height: 180,
  config: CONFIG,
  layer: [
    {
      data: { name: 'spans' },
      mark: { type: 'rule', color: '#8c959f' },
      encoding: { x: ENTRIES_X, y: { field: 'lo', type: 'quantitative', title: null }, y2: { field: 'hi' } },
    },
    {
      name: 'entries',
      data: { name: 'rows' },
      mark: { type: 'point', filled: true, size: 40 },
      encoding: {
        x: ENTRIES_X,
        y: { field: 'value', type: 'quantitative' },
        color: { field: 'series', type: 'nominal', title: null, scale: { domain: [SERIES.reference, SERIES.student], range: [SERIES_COLORS.reference, SERIES_COLORS.student] }, legend: { orient: 'top' } },
        shape: { field: 'series', type: 'nominal', scale: { domain: [SERIES.reference, SERIES.student], range: ['circle', 'diamond'] } },
      },
    },
  ],
} as TopLevelSpec;
const ENTRIES_SPEC_FEW = { ...ENTRIES_SPEC, width: 240 } as TopLevelSpec;
