import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { makeExcerpt, type SpecError, type SpecErrorCode } from './errors.ts';

/** A path into a YAML document, in the file's own (snake_case) keys. */
export type DocPath = readonly (string | number)[];

/** Whether an error points at a map key (an unknown property) or at the value under the path. */
export type Anchor = 'value' | 'key';

/** One parsed spec file and the means to turn a path in it into a located error. */
export class SourceFile {
  readonly lineCounter = new LineCounter();
  readonly doc: Document.Parsed;
  private readonly lines: string[];

  constructor(
    /** Path relative to the working directory, as shown in messages. */
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true });
    this.lines = text.split('\n');
  }

  /**
   * Syntax errors and duplicate keys of the parse, located. Only the first syntax error is kept:
   * the parser's later ones are mostly consequences of it, and would send the author on a hunt.
   */
  parseErrors(): SpecError[] {
    const firstSyntax = this.doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
    return this.doc.errors
      .filter((e) => e.code === 'DUPLICATE_KEY' || e === firstSyntax)
      .map((e) => this.errorAtOffset(e.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX', e.pos[0], firstLine(e.message)));
  }

  parseWarnings(): SpecError[] {
    return this.doc.warnings.map((w) => this.errorAtOffset('YAML_WARNING', w.pos[0], firstLine(w.message)));
  }

  /** The plain data of the document. */
  data(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  errorAtOffset(code: SpecErrorCode, offset: number, message: string): SpecError {
    const { line, col } = this.lineCounter.linePos(Math.min(offset, this.text.length));
    return this.errorAt(code, line, col, message);
  }

  errorAt(code: SpecErrorCode, line: number, col: number, message: string): SpecError {
    return { code, file: this.file, line, col, message, excerpt: makeExcerpt(this.lines[line - 1] ?? '', col) };
  }

  /**
   * A located error for `path`. When the path does not exist (a missing property), the error
   * points at the nearest enclosing node that does.
   */
  error(code: SpecErrorCode, path: DocPath, message: string, anchor: Anchor = 'value'): SpecError {
    return this.errorAtOffset(code, this.offsetOf(path, anchor), message);
  }

  /** The 1-based line and column of the node at `path` (or its nearest existing ancestor). */
  position(path: DocPath): { line: number; col: number } {
    return this.lineCounter.linePos(Math.min(this.offsetOf(path, 'value'), this.text.length));
  }

  private offsetOf(path: DocPath, anchor: Anchor): number {
    let node: unknown = this.doc.contents;
    let best = offsetOfNode(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair) return best;
        if (last && anchor === 'key') return offsetOfNode(pair.key) ?? best;
        node = pair.value;
        // `key:` with nothing after it has no value node: point at the key instead.
        best = offsetOfNode(node) ?? offsetOfNode(pair.key) ?? best;
      } else if (isSeq(node)) {
        const item = node.items[Number(key)];
        if (item === undefined) return best;
        node = item;
        best = offsetOfNode(node) ?? best;
      } else {
        return best;
      }
    }
    return best;
  }
}

function offsetOfNode(node: unknown): number | undefined {
  if (isNode(node)) return (node as YamlNode).range?.[0];
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
