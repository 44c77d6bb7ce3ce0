/**
 * A strict XML 1.0 well-formedness check (elements, attributes, entities, comments, CDATA, PIs,
 * one root, allowed characters). xmlbuilder2's own parser is lenient about mismatched end tags,
 * so tests that must prove a file well-formed use this scanner. Returns the problems found.
 */
export function xmlWellFormednessErrors(xml: string): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const fail = (msg: string) => errors.push(`${msg} at offset ${i}`);
  const isNameStart = (c: string) => /[A-Za-z_:]/.test(c) || c > '\u00bf';
  const isNameChar = (c: string) => isNameStart(c) || /[0-9.\-]/.test(c) || c === '\u00b7';
  const readName = (): string => {
    const start = i;
    if (i >= xml.length || !isNameStart(xml[i]!)) return '';
    while (i < xml.length && isNameChar(xml[i]!)) i++;
    return xml.slice(start, i);
  };
  const skipSpace = () => {
    while (i < xml.length && ' \t\r\n'.includes(xml[i]!)) i++;
  };
  const checkEntity = (): void => {
    const end = xml.indexOf(';', i);
    const ref = end < 0 ? '' : xml.slice(i + 1, end);
    const named = ['amp', 'lt', 'gt', 'quot', 'apos'].includes(ref);
    const numeric = ref.startsWith('#x') ? ref.length > 2 && [...ref.slice(2)].every((c) => '0123456789abcdefABCDEF'.includes(c)) : ref.startsWith('#') && ref.length > 1 && [...ref.slice(1)].every((c) => c >= '0' && c <= '9');
    if (!named && !numeric) fail(`bad entity reference "&${ref.slice(0, 10)}"`);
    i = end < 0 ? xml.length : end + 1;
  };
  for (const ch of xml) {
    const code = ch.codePointAt(0)!;
    if ((code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') || code === 0xfffe || code === 0xffff) {
      errors.push(`character U+${code.toString(16)} is not allowed in XML`);
      break;
    }
  }
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end < 0 ? xml.length : end + 2;
  }
  while (i < xml.length && errors.length === 0) {
    const c = xml[i]!;
    if (c === '&') {
      if (stack.length === 0) fail('text outside the root element');
      checkEntity();
      continue;
    }
    if (c !== '<') {
      if (stack.length === 0 && !' \t\r\n'.includes(c)) fail('text outside the root element');
      if (xml.startsWith(']]>', i)) fail('"]]>" in text');
      i++;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) fail('unterminated comment');
      i = end < 0 ? xml.length : end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) fail('CDATA outside the root element');
      const end = xml.indexOf(']]>', i);
      if (end < 0) fail('unterminated CDATA section');
      i = end < 0 ? xml.length : end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) fail('unterminated processing instruction');
      i = end < 0 ? xml.length : end + 2;
    } else if (xml.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (xml[i] !== '>') fail(`malformed end tag </${name}`);
      i++;
      const open = stack.pop();
      if (open !== name) fail(`end tag </${name}> does not match <${open ?? '(none)'}>`);
    } else {
      i++;
      const name = readName();
      if (name === '') fail('malformed start tag');
      if (stack.length === 0) roots++;
      if (roots > 1) fail('more than one root element');
      const seen = new Set<string>();
      for (;;) {
        const before = i;
        skipSpace();
        if (xml[i] === '>' || xml.startsWith('/>', i)) break;
        if (i === before) {
          fail(`expected whitespace before an attribute of <${name}>`);
          break;
        }
        const attr = readName();
        if (attr === '') {
          fail(`malformed attribute in <${name}>`);
          break;
        }
        if (seen.has(attr)) fail(`duplicate attribute ${attr}`);
        seen.add(attr);
        skipSpace();
        if (xml[i] !== '=') {
          fail(`attribute ${attr} has no value`);
          break;
        }
        i++;
        skipSpace();
        const quote = xml[i];
        if (quote !== '"' && quote !== "'") {
          fail(`attribute ${attr} value is not quoted`);
          break;
        }
        i++;
        while (i < xml.length && xml[i] !== quote && errors.length === 0) {
          if (xml[i] === '<') fail(`"<" in the value of ${attr}`);
          if (xml[i] === '&') checkEntity();
          else i++;
        }
        if (xml[i] !== quote) fail(`unterminated value of ${attr}`);
        i++;
      }
      if (errors.length > 0) break;
      if (xml.startsWith('/>', i)) i += 2;
      else {
        i++;
        stack.push(name);
      }
    }
  }
  if (errors.length === 0 && stack.length > 0) errors.push(`unclosed element <${stack.at(-1)}>`);
  if (errors.length === 0 && roots === 0) errors.push('no root element');
  return errors;
}
