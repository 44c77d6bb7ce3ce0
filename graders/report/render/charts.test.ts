import { describe, expect, it, vi } from 'vitest';
import { entriesPlot, formulaCurvePlot, renderChartSvg, totalsHistogram } from './charts.ts';

describe('renderChartSvg', () => {
  it('renders a static SVG with drawn marks', async () => {
    const svg = await renderChartSvg(totalsHistogram([10, 55, 55, 98], 100), 'h');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/class="mark-rect role-mark[^"]*"[^>]*><path/);
    expect(svg).not.toContain('<script');
  });

  it('numbers element ids within each chart, whatever was drawn before it in the process', async () => {
    const spec = { ...totalsHistogram([1, 2, 3], 10), mark: { type: 'bar' as const, clip: true } };
    const first = await renderChartSvg(spec, 'x');
    await renderChartSvg(formulaCurvePlot({ variable: 'F', at: 1, x: [1, 2], expected: [1, 2], actual: [2, 3] }), 'y');
    expect(await renderChartSvg(spec, 'x')).toBe(first);
  });

  it('prefixes element ids and their references, so two charts on one page do not collide', async () => {
    // A clipped mark makes Vega emit a clipPath with an id, referenced by url(#...).
    const spec = { ...totalsHistogram([1, 2, 3], 10), mark: { type: 'bar' as const, clip: true } };
    const [a, b] = await Promise.all([renderChartSvg(spec, 'one'), renderChartSvg(spec, 'two')]);
    const ids = (svg: string) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids(a).length).toBeGreaterThan(0);
    expect(ids(a).every((id) => id.startsWith('one-'))).toBe(true);
    expect(ids(b).every((id) => id.startsWith('two-'))).toBe(true);
    for (const ref of a.matchAll(/url\(#([^)]+)\)/g)) expect(ids(a)).toContain(ref[1]);
  });
});

describe('plots of one student part, from a spec compiled once', () => {
  it('draws a template exactly as a first, freshly parsed use does, whatever was drawn from it before', async () => {
    const a = formulaCurvePlot({ variable: 'F', at: 1, x: [0, 1, 2], expected: [0, 1, 4], actual: [0, 2, 3] });
    const b = formulaCurvePlot({ variable: 'G', at: -3, x: [-4, -3, -2], expected: [9, 8, 7], actual: [1e6, -1e6, 0] });
    expect('spec' in a && 'spec' in b).toBe(true);
    const first = await renderChartSvg(a, 'p');
    await renderChartSvg(b, 'p');
    expect(await renderChartSvg(a, 'p')).toBe(first);
    // The same spec under a key of its own (metadata Vega does not draw) is parsed afresh.
    const fresh = 'spec' in a ? { ...a, spec: { ...a.spec, usermeta: { fresh: true } } } : a;
    expect(await renderChartSvg(fresh, 'p')).toBe(await renderChartSvg(a, 'p'));
    expect(await renderChartSvg(fresh, 'p')).not.toBe(await renderChartSvg(b, 'p'));
  });

  it('draws a plot drawn before for another student as a fresh drawing does, and never for other values', async () => {
    const curve = { variable: 'F', at: 2, x: [0, 1, 2, 3], expected: [0, 1, 4, 9], actual: [0, 2, 3, 5] };
    const a = formulaCurvePlot(curve);
    // Metadata Vega does not draw gives the same plot a key of its own: drawn afresh.
    const fresh = (c: ReturnType<typeof formulaCurvePlot>, tag: string) => ({ ...c, spec: { ...c.spec, usermeta: { tag } } });
    const first = await renderChartSvg(a, 'p');
    expect(await renderChartSvg(formulaCurvePlot(curve), 'q')).toBe(await renderChartSvg(fresh(a, 'q'), 'q'));
    expect(await renderChartSvg(a, 'p')).toBe(first);
    // Another student's values, one entry apart, or the same values under another range.
    const b = formulaCurvePlot({ ...curve, actual: [0, 2, 3, 6] });
    expect(await renderChartSvg(b, 'p')).toBe(await renderChartSvg(fresh(b, 'b'), 'p'));
    expect(await renderChartSvg(b, 'p')).not.toBe(first);
    const c = { ...a, signals: { ylo: -5, yhi: 20 } };
    expect(await renderChartSvg(c, 'p')).not.toBe(first);
    expect(await renderChartSvg(c, 'p')).toBe(await renderChartSvg(fresh(c, 'c'), 'p'));
    const e = entriesPlot([{ path: 'h[0]', expected: 1, actual: 2 }]);
    const e2 = entriesPlot([{ path: 'h[0]', expected: 1, actual: 3 }]);
    expect(await renderChartSvg(e, 'p')).not.toBe(await renderChartSvg(e2, 'p'));
  });

  it('draws each curve with its own values and range, the counterexample marked, and warns of nothing', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const a = await renderChartSvg(formulaCurvePlot({ variable: 'F', at: 1, x: [1, 2, 3], expected: [26, 51, 76], actual: [25, 50, 75] }), 'a');
      const b = await renderChartSvg(formulaCurvePlot({ variable: 's', at: 0.5, x: [0.25, 0.5, 0.75], expected: [1, 2, 3], actual: [-4, null, 9] }), 'b');
      expect(a).toMatch(/Y-axis[^"]*values from 2\d to [78]\d"/);
      expect(b).toMatch(/Y-axis[^"]*values from −?0\.\d+ to 3\.\d+/);
      expect(a.match(/<g class="mark-symbol role-mark counterexample_marks"[^>]*>(<path[^>]*>)+/)?.[0].match(/<path/g)).toHaveLength(2);
      // Where the student's formula is undefined at the counterexample, only the reference is marked.
      expect(b.match(/<g class="mark-symbol role-mark counterexample_marks"[^>]*>(<path[^>]*>)+/)?.[0].match(/<path/g)).toHaveLength(1);
      await renderChartSvg(entriesPlot([{ path: 'h[0]', expected: 1, actual: 2 }, { path: 'h[1]', expected: 3, actual: 3 }]), 'c');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
