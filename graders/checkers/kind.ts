/**
 * The contract of an answer kind: everything the pack loader, the validator, the grader, the
 * self-test and publish-spec need to know about one kind, in one module per kind
 * (`graders/checkers/<kind>/kind.ts`), gathered in one list (`kinds.ts`).
 *
 * Why one module per kind rather than a switch per concern: a kind is one idea (how a number, a
 * formula or a set is written, read, checked and shown), and a switch in each of six files let a
 * new kind be forgotten in one of them (two of those switches fell through silently). Here every
 * piece is a required member, so a kind that forgets one does not type-check, and the contract
 * suite (`kinds.test.ts`) runs the same checks over every kind of the list. Model: a
 * PrairieLearn element, which parses, grades and tests its own answers.
 */
import type { Document, YAMLMap } from 'yaml';
import type { Pack } from '../pack/define-pack.ts';
import type { SpecErrorCode } from '../pack/errors.ts';
import type { LoadedQuestion } from '../pack/rules.ts';
import type { Anchor, DocPath } from '../pack/source.ts';
import type { PartBase, PartSpec } from '../pack/types.ts';
import type { PartResult } from '../results/result.ts';
import type { CheckContext } from './types.ts';

/** A JSON Schema object, as the fragments write them (draft-07). */
export type JsonSchema = Record<string, unknown>;

/**
 * A kind's fragment of the question schema: the fields of its part beyond the base ones (id,
 * kind, points, prompt, visibility, given, follow_through_credit), which the assembler adds.
 */
export interface KindSchema {
  /** What a part of this kind is, for editors. */
  description: string;
  /** What the `kind` value means, for editors. */
  kindDescription: string;
  properties: Record<string, JsonSchema>;
  /** The kind's own required fields. */
  required: string[];
  /** Extra definitions only this kind refers to (`#/definitions/<name>`). */
  definitions?: Record<string, JsonSchema>;
}

/** A path inside the part being looked at, e.g. `at('mistakes', 0, 'value')`. */
export type At = (...path: (string | number)[]) => DocPath;

/** What a kind's semantic rules see of one part, and where they report. */
export interface KindRuleContext<P extends PartSpec> {
  part: P;
  at: At;
  question: LoadedQuestion;
  pack: Pack;
  /** The pack is a public copy written by publish-spec (`public: true`). */
  publicPack: boolean;
  error(code: SpecErrorCode, path: DocPath, message: string, anchor?: Anchor): void;
  warn(code: SpecErrorCode, path: DocPath, message: string, anchor?: Anchor): void;
  /** The part's fields as written in the YAML, before defaults (to tell an absent key from a default). */
  raw(...path: (string | number)[]): unknown;
}

/** A name a part uses in one of the pack module's tables, checked by validate. */
export interface NameUse {
  table: 'solvers' | 'properties' | 'diagnostics' | 'simulators' | 'fastPaths';
  /** What the name is, in messages: `solver`, `mutant solver`, `diagnostic`. */
  what: string;
  name: string;
  path: readonly (string | number)[];
}

/**
 * A self-test answer: an answer for answers.yaml, a solver bundled as the student's function
 * (code kinds), or why the pack cannot supply one (a missing example design).
 */
export type SelftestAnswer = { answer: unknown } | { code: string } | { none: string };

/** What a kind's public form may use: the pack's code, to precompute what the student's run needs. */
export interface PublishContext {
  pack: Pack;
  /** The question file's document, to create nodes in. */
  doc: Document;
}

export interface AnswerKind<P extends PartSpec = PartSpec> {
  kind: P['kind'];
  /** Where a student answers: in answers.yaml, or with a function of the solution file. */
  answeredIn: 'answers' | 'solution';
  schema: KindSchema;
  /** The part from its YAML (already schema-valid), with the kind's defaults applied. */
  convert(raw: Record<string, unknown>, base: PartBase): P;
  /** The pack names the part uses, for validate's "unknown solver" check. */
  names(part: P): NameUse[];
  /** The field of a known mistake that recognises it (its value, formula, mutant), if mistakes have one. */
  mistakeMatcher: string | undefined;
  /** Structural rules: what can be checked without running the pack's code. */
  rules(c: KindRuleContext<P>): void;
  /** Rules that run the reference over the part's domain (the answer agrees with the solver, ...). */
  referenceRules(c: KindRuleContext<P>): void;
  /** Grades one answer; never throws for anything the student wrote. */
  check(part: P, answer: unknown, ctx: CheckContext): Promise<PartResult>;
  selftest: {
    /** The right answer, from the pack's ground truth. */
    reference(part: P, pack: Pack): SelftestAnswer;
    /** An answer showing the known mistake. */
    mistake(part: P, mistake: P extends { mistakes: (infer M)[] } ? M : never, pack: Pack): SelftestAnswer;
  };
  /**
   * Turns the part's YAML into its public form, in place: what the student's own run needs and
   * nothing that grades (no expected value, reference formula, known mistake or pack name).
   */
  publish(part: P, node: YAMLMap, c: PublishContext): void;
  /**
   * What an answer of this kind is worth to a later part that builds on it (`given:`): the
   * student's answer read as it is graded, and the reference's. Absent: no part can build on it.
   */
  givenValue?: {
    read(part: P, answer: unknown): { ok: true; value: unknown; shown: string } | { ok: false };
    reference(part: P, pack: Pack): unknown;
  };
  /** How the answer is written, for the answers skeleton (`formula`, `choice, one of: a | b`). */
  answerHint(part: P): string;
}
