import { create, parseDependencies } from 'mathjs/number';

/**
 * mathjs's parser alone: an instance made of `parse` and what it depends on (the node classes,
 * `numeric`, the default config), the same factories as the number build's ready-made `parse`.
 *
 * Why not `import { parse } from 'mathjs/number'`: that export comes with the whole prebuilt
 * number instance, which every process creates at load whether it uses it or not (about 230 ms of
 * CPU and 35 MB resident in each grader process, against 25 ms and 3 MB for this one). The trees
 * are only read (type, name, op, args, toString), never compiled or printed to TeX through this
 * instance, which would need the functions it leaves out (the reports use their own full instance).
 * math-parse.test.ts compares its trees with those of the prebuilt parser.
 */
export const parse = create({ parseDependencies: parseDependencies! }).parse;
