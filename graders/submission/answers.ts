import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Assignment } from '../pack/types.ts';
import { readStudentFile } from './safe-file.ts';

/** Larger answers files are refused unread: the whole pack fits in a few kilobytes. */
export const MAX_ANSWERS_BYTES = 256 * 1024;
/** Aliases are legitimate YAML, but thousands of them are an expansion attack. */
export const MAX_ALIAS_COUNT = 50;

export type AnswersFile =
  | { status: 'ok'; answers: Map<string, unknown>; warnings: string[] }
  | { status: 'absent'; message: string }
  | { status: 'unreadable'; message: string };

/**
 * Reads `answers.yaml` of one submission into part id → raw value. Part ids nest as
 * `q1.2: { layer_params: ... }`; a flat key `q1.2.layer_params` is accepted too.
 */
export async function readAnswers(studentDir: string, assignment: Assignment): Promise<AnswersFile> {
  const name = assignment.files.answers;
  const read = await readStudentFile(studentDir, name, MAX_ANSWERS_BYTES);
  if (!read.ok) {
    return read.reason === 'absent'
      ? { status: 'absent', message: `${name} not found in the submission` }
      : { status: 'unreadable', message: read.message };
  }
  return parseAnswers(read.text, name, assignment);
}

export function parseAnswers(text: string, name: string, assignment: Assignment): AnswersFile {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core', customTags: [] });
  } catch (err) {
    return { status: 'unreadable', message: `${name}: ${(err as Error).message}` };
  }
  const where = (offset: number | undefined): string => {
    if (offset === undefined) return name;
    const { line, col } = lineCounter.linePos(offset);
    return `${name}:${line}:${col}`;
  };
  const first = doc.errors[0];
  if (first) {
    return { status: 'unreadable', message: `${where(first.pos[0])}: ${firstLine(first.message)}` };
  }
  // Custom tags could make a value mean something other than what it looks like; refuse them.
  const tagWarning = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tagWarning) {
    return { status: 'unreadable', message: `${where(tagWarning.pos[0])}: ${firstLine(tagWarning.message)} (custom YAML tags are not allowed)` };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { status: 'unreadable', message: `${name}: ${(err as Error).message} (more than ${MAX_ALIAS_COUNT} alias expansions)` };
  }
  if (data === null || data === undefined) {
    return { status: 'ok', answers: new Map(), warnings: [`${name} is empty`] };
  }
  if (!isMap(doc.contents) || typeof data !== 'object' || Array.isArray(data)) {
    return { status: 'unreadable', message: `${where(doc.contents?.range?.[0])}: expected a map of questions (e.g. "q1.1:"), found ${describe(data)}` };
  }

  const known = new Map<string, { question: string; key: string }>();
  for (const q of assignment.questions) {
    for (const part of q.parts) {
      const cut = part.id.lastIndexOf('.');
      known.set(part.id, { question: part.id.slice(0, cut), key: part.id.slice(cut + 1) });
    }
  }
  const groups = new Set([...known.values()].map((k) => k.question));
  const answers = new Map<string, unknown>();
  const warnings: string[] = [];
  const top = data as Record<string, unknown>;
  for (const [key, value] of Object.entries(top)) {
    const line = where(keyOffset(doc, [key]));
    if (known.has(key)) {
      answers.set(key, value);
    } else if (groups.has(key)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        warnings.push(`${line}: "${key}" should be a map of parts (e.g. ${key}: { <part>: ... }), found ${describe(value)}`);
        continue;
      }
      for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
        const id = `${key}.${sub}`;
        if (known.has(id)) answers.set(id, subValue);
        else warnings.push(`${where(keyOffset(doc, [key, sub]))}: unknown part "${id}" ignored`);
      }
    } else {
      warnings.push(`${line}: unknown question "${key}" ignored`);
    }
  }
  return { status: 'ok', answers, warnings };
}

function keyOffset(doc: Document.Parsed, keys: string[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const k of keys) {
    if (!isMap(node)) return offset;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === k);
    if (!pair) return offset;
    offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
    node = pair.value;
  }
  return offset;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** A short, safe description of a value for "expected X, found Y" messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
