import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainMath, splitMath } from '../../pack/math-text.ts';
import { asciiToTex, formulaHtml, formulaToTex, nameToTex, segmentHtml, texToHtml } from './math.ts';

describe('math segments of course text', () => {
  it('splits $...$ out, keeps \\$ as a dollar and leaves unpaired, empty or multi-line ones as text', () => {
    expect(splitMath('a $x^2$ b')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'math', source: 'x^2' },
      { kind: 'text', text: ' b' },
    ]);
    expect(splitMath('costs \\$5, not $ $ nor $$')).toEqual([{ kind: 'text', text: 'costs $5, not $ ' }, { kind: 'math', source: ' nor ' }, { kind: 'text', text: '$' }]);
    expect(splitMath('costs \\$5 and $$ alone')).toEqual([{ kind: 'text', text: 'costs $5 and $$ alone' }]);
    expect(splitMath('a $x\ny$ b')).toEqual([{ kind: 'text', text: 'a $x\ny$ b' }]);
    expect(plainMath('KL is $KL(p || q)$.')).toBe('KL is KL(p || q).');
  });

  it('should lose no character but dollar signs and the backslash of an escaped one', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'$\\ax^2 \n'.split('')), maxLength: 40 }), (text) => {
        expect(plainMath(text).replace(/\$/g, '')).toBe(text.replace(/\\\$/g, '$').replace(/\$/g, ''));
      }),
    );
  });
});

describe('the pack notation as TeX', () => {
  it.each([
    ['mu1', '\\mu_{1}'],
    ['C0', 'C_{0}'],
    ['sigma', '\\sigma'],
    ['KL', '\\operatorname{KL}'],
    ['Wx', 'Wx'],
    ['logVar', '\\mathit{logVar}'],
    ['log', '\\log'],
    ['sum', '\\sum'],
  ])('names %s as %s', (name, tex) => expect(nameToTex(name)).toBe(tex));

  it('turns the dl-hw prompts into TeX KaTeX renders', () => {
    expect(asciiToTex('KL(N(mu1, s1^2) || N(mu2, s2^2))')).toBe('\\operatorname{KL}(N(\\mu_{1}, s_{1}^{2}) \\| N(\\mu_{2}, s_{2}^{2}))');
    expect(asciiToTex('||J_f(x)||_F^2')).toBe('\\|J_{f}(x)\\|_{F}^{2}');
    expect(asciiToTex('tau <= t')).toBe('\\tau \\le  t');
    // A parenthesised exponent is raised whole, not its opening parenthesis alone.
    expect(asciiToTex('(gamma ||W_hh||)^(t-k)')).toBe('(\\gamma \\|W_{hh}\\|)^{t-k}');
    expect(asciiToTex('e^(-(x - mu)^2)')).toBe('e^{-(x - \\mu)^{2}}');
    expect(asciiToTex('x_(i+1) + y^(')).toBe('x_{i+1} + y^(');
    for (const s of ['KL(N(mu, diag exp(logVar)) || N(0, I)) = 1/2 sum(mu^2 + exp(logVar) - 1 - logVar)', '-log softmax(Wp^T v_c)[context]', 'K^2 C0']) {
      expect(segmentHtml(s), s).toContain('class="katex"');
    }
  });

  it('should never let course or student text run a TeX command of its own', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const tex = asciiToTex(text);
        // Every backslash starts one of ours: a name we map, a symbol we escape.
        for (const m of tex.matchAll(/\\([A-Za-z]+|.)/g)) {
          expect(['mu', 'nu', 'operatorname', 'mathit', 'backslash', 'le', 'ge', 'ne', 'to', 'cdot', 'sim', '{', '}', '#', '%', '&', '$', '|', 'sum', 'log', 'exp'].includes(m[1]!) || /^[A-Za-z]+$/.test(m[1]!)).toBe(true);
        }
        expect(tex).not.toMatch(/\\(href|url|includegraphics|htmlClass|htmlId|htmlStyle|htmlData|def|newcommand)\b/);
      }),
    );
    expect(segmentHtml('\\href{javascript:alert(1)}{x}')).not.toContain('href="javascript');
  });

  it('gives up on overlong or unreadable text instead of spending time on it', () => {
    expect(segmentHtml('x + '.repeat(200))).toBeUndefined();
    expect(texToHtml('\\frac{')).toBeUndefined();
    expect(formulaToTex('25F +')).toBeUndefined();
  });
});

describe('formula answers as TeX', () => {
  it('typesets fractions, powers and the pack names through mathjs', () => {
    expect(formulaToTex('(7F-1)/(25F+1)')).toBe('\\frac{7\\,F-1}{25\\,F+1}');
    expect(formulaToTex('log(s1/s2) + (mu1 - mu2)^2')).toBe('\\ln\\left(\\frac{s_{1}}{s_{2}}\\right)+{\\left(\\mu_{1}-\\mu_{2}\\right)}^{2}');
    expect(formulaToTex('F(F + 1)')).toBe('F\\left(F+1\\right)');
    expect(formulaHtml('sqrt(n)/2')).toContain('<math');
  });
});
