import { describe, expect, it } from 'vitest';
import { renderChartSvg, totalsHistogram } from './charts.ts';

describe('renderChartSvg', () => {
  it('renders a static SVG with drawn marks', async () => {
    const svg = await renderChartSvg(totalsHistogram([10, 55, 55, 98], 100), 'h');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/class="mark-rect role-mark[^"]*"[^>]*><path/);
    expect(svg).not.toContain('<script');
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
