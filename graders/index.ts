/**
 * The library entry of the installed package (`import { definePack } from 'dlgrade'`): what a
 * course's pack module needs to declare its code. The grader itself is the `dlgrade` command.
 * Everything exported here is declared in dist/index.d.ts, emitted from the same file.
 */
export * from './pack/define-pack.ts';
