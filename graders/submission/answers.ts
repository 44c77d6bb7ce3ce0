import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLMap } from 'yaml';
import type { Assignment } from '../pack/types.ts';
import { readStudentFile } from './safe-file.ts';

/** Larger answers files are refused unread: the whole pack fits in a few kilobytes. */
export const MAX_ANSWERS_BYTES = 256 * 1024;
/** Aliases are legitimate YAML, but thousands of them are an expansion attack. */
export const MAX_ALIAS_COUNT = 50;
/**
 * Warnings about one answers file listed one by one; the rest are counted in one line, so a file
 * of thousands of unknown keys costs the reports a few lines, not megabytes.
 */
export const MAX_WARNINGS = 20;

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
    // yaml's own uniqueKeys check compares every key with every earlier one (n² on a file of
    // thousands of keys); duplicates are found below in one pass instead.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, schema: 'core', customTags: [] });
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
    // The YAML parser recurses once per level: a value nested thousands deep overflows it.
    const message = /call stack/i.test(first.message) ? 'values are nested too deeply to be read' : firstLine(first.message);
    return { status: 'unreadable', message: `${where(first.pos[0])}: ${message}` };
  }
  const duplicate = firstDuplicateKey(doc.contents);
  if (duplicate) return { status: 'unreadable', message: `${where(duplicate.offset)}: Map keys must be unique ("${short(duplicate.key)}" appears twice)` };
  // Custom tags could make a value mean something other than what it looks like; refuse them.
  const tagWarning = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tagWarning) {
    return { status: 'unreadable', message: `${where(tagWarning.pos[0])}: ${firstLine(tagWarning.message)} (custom YAML tags are not allowed)` };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) return { status: 'unreadable', message: `${name}: values are nested too deeply to be read` };
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
  const warnings = cappedWarnings();
  const top = data as Record<string, unknown>;
  // Offsets come from one walk over each map's keys: looking each key up again would make a
  // file of n unknown keys cost n² steps.
  const topOffsets = keyOffsets(doc.contents);
  for (const [key, value] of Object.entries(top)) {
    const line = where(topOffsets.get(key));
    if (known.has(key)) {
      answers.set(key, value);
    } else if (groups.has(key)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        warnings.push(() => `${line}: "${key}" should be a map of parts (e.g. ${key}: { <part>: ... }), found ${describe(value)}`);
        continue;
      }
      let subOffsets: Map<string, number> | undefined;
      for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
        const id = `${key}.${sub}`;
        if (known.has(id)) answers.set(id, subValue);
        else
          warnings.push(() => {
            subOffsets ??= keyOffsets(doc.contents && isMap(doc.contents) ? (doc.contents.get(key, true) as unknown) : undefined);
            return `${where(subOffsets.get(sub) ?? topOffsets.get(key))}: unknown part "${short(id)}" ignored`;
          });
      }
    } else {
      warnings.push(() => `${line}: unknown question "${short(key)}" ignored`);
    }
  }
  return { status: 'ok', answers, warnings: warnings.done() };
}

/** A warnings list that renders only the first MAX_WARNINGS and counts the rest. */
function cappedWarnings() {
  const shown: string[] = [];
  let more = 0;
  return {
    push(render: () => string) {
      if (shown.length < MAX_WARNINGS) shown.push(render());
      else more += 1;
    },
    done(): string[] {
      return more > 0 ? [...shown, `… and ${more} more unknown or misplaced keys ignored`] : shown;
    },
  };
}

/** The first key repeated within one map, anywhere in the document; a walk with its own stack. */
function firstDuplicateKey(root: unknown): { key: string; offset: number | undefined } | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const k = String(pair.key.value);
          if (seen.has(k)) return { key: k, offset: pair.key.range?.[0] };
          seen.add(k);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}

/** Where each key of a YAML map starts (first occurrence), in one pass. */
function keyOffsets(node: unknown): Map<string, number> {
  const offsets = new Map<string, number>();
  if (!isMap(node)) return offsets;
  for (const pair of (node as YAMLMap).items) {
    if (!isScalar(pair.key)) continue;
    const k = String(pair.key.value);
    const at = pair.key.range?.[0];
    if (at !== undefined && !offsets.has(k)) offsets.set(k, at);
  }
  return offsets;
}

/** A key as quoted in a warning: long keys are cut, so a warning stays one readable line. */
function short(key: string): string {
  return key.length > 80 ? `${key.slice(0, 77)}…` : key;
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
