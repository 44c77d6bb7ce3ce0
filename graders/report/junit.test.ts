import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { HIDDEN_INPUT, sampleContext } from '../../tests/support/report-sample.ts';
import { xmlWellFormednessErrors } from '../../tests/support/xml-well-formed.ts';
import { junitReporter, renderJunit } from './junit.ts';
import { writeReports } from './index.ts';

/** The few DOM calls these tests need from xmlbuilder2's parsed document. */
interface El {
  tagName: string;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<El>;
  textContent: string | null;
}

function parse(xml: string): El {
  return (create(xml).node as unknown as { documentElement: El }).documentElement;
}
const all = (el: El, tag: string) => Array.from(el.getElementsByTagName(tag));
const caseOf = (suite: El, part: string) => all(suite, 'testcase').find((c) => c.getAttribute('name') === part)!;

describe('junit.xml', () => {
  it('is well-formed, with one suite per student and one case per part', async () => {
    const ctx = sampleContext();
    await writeReports(ctx, [junitReporter]);
    const xml = readFileSync(path.join(ctx.outDir, 'junit.xml'), 'utf8');
    expect(xmlWellFormednessErrors(xml)).toEqual([]);
    const root = parse(xml);
    expect(root.tagName).toBe('testsuites');
    expect([root.getAttribute('name'), root.getAttribute('tests'), root.getAttribute('failures'), root.getAttribute('errors')]).toEqual(['sample-hw', '27', '6', '1']);
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => s.getAttribute('name'))).toEqual(['alice', 'bob', 'carol']);
    for (const suite of suites) {
      const cases = all(suite, 'testcase');
      expect(cases).toHaveLength(9);
      expect(cases.every((c) => c.getAttribute('classname') === suite.getAttribute('name'))).toBe(true);
      expect(cases[0]?.getAttribute('name')).toBe('q1.1.params_5x5');
    }
    expect(suites.map((s) => [s.getAttribute('failures'), s.getAttribute('errors'), s.getAttribute('skipped')])).toEqual([
      ['0', '0', '3'],
      ['4', '0', '3'],
      ['2', '1', '3'],
    ]);
    const props = all(suites[2]!, 'property').map((p) => [p.getAttribute('name'), p.getAttribute('value')]);
    expect(props).toContainEqual(['total', '40']);
    expect(props).toContainEqual(['latePenaltyPercent', '20']);
  });

  it('carries the feedback in each failure, pending parts skipped, hidden inputs withheld', () => {
    const xml = renderJunit(sampleContext());
    const bob = all(parse(xml), 'testsuite')[1]!;
    const saving = all(caseOf(bob, 'q1.1.saving_limit_percent'), 'failure')[0]!;
    expect(saving.getAttribute('type')).toBe('failed');
    expect(saving.getAttribute('message')).toContain('about 28%, not 80%');
    const weights = all(caseOf(bob, 'q4.4.weights'), 'failure')[0]!;
    expect(weights.getAttribute('type')).toBe('partial');
    expect(weights.textContent).toContain('Counterexample (step 2): input x1 = (0, 1), x2 = (0, 0); expected 1, 0; got 1, 1');
    expect(all(caseOf(bob, 'q1.1.benefit'), 'skipped')).toHaveLength(1);
    expect(all(caseOf(bob, 'q1.3.exact_when'), 'failure')).toHaveLength(0);
    expect(xml).not.toContain(HIDDEN_INPUT);
    expect(all(caseOf(bob, 'q2.1.kl_to_std_normal'), 'failure')[0]!.textContent).toContain('A hidden check failed');
  });

  it('keeps quotes and markup in messages as text; missing and error parts fail', () => {
    const xml = renderJunit(sampleContext());
    expect(xml).not.toContain('<script');
    const carol = all(parse(xml), 'testsuite')[2]!;
    const invalid = all(caseOf(carol, 'q1.1.params_5x5'), 'failure')[0]!;
    expect(invalid.getAttribute('message')).toBe('invalid (0 / 10): Could not read the formula "25F +": unexpected end.');
    expect(all(caseOf(carol, 'q1.3.exact_when'), 'failure')[0]!.getAttribute('type')).toBe('missing');
    const crashed = caseOf(carol, 'q2.3.contractive_penalty_grad');
    expect(all(crashed, 'failure')).toHaveLength(0);
    expect(all(crashed, 'error')[0]!.getAttribute('type')).toBe('error');
    expect(all(crashed, 'error')[0]!.textContent).toContain('timeout after 2000 ms');
    expect(all(carol, 'system-err')[0]!.textContent).toContain('unexpected file solution.py');
  });
});

describe('the well-formedness check itself', () => {
  it.each([
    ['mismatched end tag', '<a><b></a></b>'],
    ['unclosed element', '<a><b></b>'],
    ['two roots', '<a/><b/>'],
    ['raw < in an attribute', '<a x="<"/>'],
    ['unquoted attribute', '<a x=1/>'],
    ['bad entity', '<a>&nbsp;</a>'],
    ['bare ampersand', '<a>fish & chips</a>'],
    ['control character', '<a>\u0001</a>'],
    ['duplicate attribute', '<a x="1" x="2"/>'],
  ])('rejects %s', (_name, xml) => {
    expect(xmlWellFormednessErrors(xml)).not.toEqual([]);
  });

  it('accepts well-formed XML', () => {
    expect(xmlWellFormednessErrors('<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y=\'&#x3C;\'><b/><![CDATA[<raw>]]>t &lt; &#60;</a>\n')).toEqual([]);
  });
});
