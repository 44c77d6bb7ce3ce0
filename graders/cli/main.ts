import { Command, CommanderError } from 'commander';
import { EXIT, type Io } from './errors.ts';
import { resolveSpecDir } from './load-spec.ts';
import { HarnessError, UsageError } from '../errors.ts';
import { cleanText } from '../results/clean-text.ts';

/**
 * The single entry point of every command. Commands are imported lazily so `validate` does not
 * pay for the sandbox, and every error ends here, mapped to one exit code.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = new Command('dlgrade')
    .description('Grade math-heavy deep-learning homework against YAML specs')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  let code: number = EXIT.ok;

  program
    .command('grade')
    .description('grade submissions and write reports')
    .option('--spec <dir>', 'course pack folder (default: the only pack under specs/)')
    .option('--submissions <dir>', 'folder with one sub-folder per student (default: submissions/<pack id>/ if it exists, else submissions/)')
    .option('--student <id...>', 'grade only these students')
    .option('--submission <dir>', 'grade this one folder alone (a student\'s own repository)')
    .option('--id <id>', 'student id for --submission (default: the folder name)')
    .option('--out <dir>', 'where reports are written', 'reports')
    .option('--jobs <n>', 'submissions graded at once (default: number of cores)')
    .option('--visible-only', 'run only the visible checks (what a student sees)', false)
    .option('--fail-under <points>', 'exit 1 when a total is below this many points')
    .option('--seed-salt <text>', 'mixed into every seed, to draw fresh hidden inputs for a new term', '')
    .option('--manual <file>', 'merge manual scores for free-text parts from this review sheet')
    .option('--times <file>', 'CSV of submission times (student,submitted_at) for the late policy')
    .option('--resume', 'keep results of an earlier run into --out whose submission, spec and seed are unchanged', false)
    .option('--shard <i/n|auto>', 'grade only shard i of n (stable by student id), or auto: JOB_COMPLETION_INDEX + 1 of DLGRADE_SHARD_COUNT; combine with `merge`')
    .option('--roster <file>', 'class list (CSV: id, name, email, sis_id, section; or a Canvas gradebook export): every student listed is reported, those without a folder at 0')
    .option('--roster-id <column>', 'the roster column naming the submission folders (default: id; SIS Login ID for a Canvas export)')
    .option('--allow-unlisted', 'grade submission folders that are not on the roster instead of stopping', false)
    .option('--gradebook <layout...>', 'also write an LMS gradebook: canvas, moodle, blackboard, csv (repeatable)')
    .option('--gradebook-columns <what>', 'gradebook score columns: assignment (the total) or questions (one per question)', 'assignment')
    .option('--canvas-assignment-id <id>', 'the Canvas assignment the canvas gradebook updates (default: found in a Canvas roster by title)')
    .option('--reporters <list>', 'comma-separated reporters to run (built-in names or module paths); json is always written (default: all built-in)')
    .option('--secret-file <file>', 'the course secret students\' variants are drawn from (default: $DLGRADE_SECRET); outside the submissions folder')
    .action(async (opts) => {
      const { gradeCommand } = await import('./grade-command.ts');
      code = await gradeCommand({ ...opts, spec: await resolveSpecDir(opts.spec) }, io);
    });

  program
    .command('review')
    .description('score free-text answers: on a local review page (--serve), or in a YAML sheet (--export, then --import)')
    .option('--serve', 'serve the review page on 127.0.0.1, at a secret address printed first', false)
    .option('--port <n>', 'port of the review page (default: any free port)')
    .option('--no-open', 'do not open the review page in a browser')
    .option('--export <file>', 'write the answers awaiting review to this YAML sheet')
    .option('--import <file>', 'store the scores of a filled-in sheet and rewrite the reports (no regrade)')
    .option('--spec <dir>', 'course pack folder (default: the only pack under specs/)')
    .option('--out <dir>', 'reports folder of the grading run to review', 'reports')
    .option('--all', 'with --export: also list the answers scored already, with their scores and comments', false)
    .action(async (opts) => {
      const { reviewCommand } = await import('./review-command.ts');
      code = await reviewCommand({ ...opts, spec: await resolveSpecDir(opts.spec) }, io);
    });

  program
    .command('merge')
    .description('combine the reports folders of sharded runs into the reports of one run')
    .argument('<dirs...>', 'reports folders of the shards')
    .option('--out <dir>', 'where the merged reports are written', 'reports')
    .option('--spec <dir>', 'course pack folder (default: the one the shards were graded against)')
    .option('--gradebook <layout...>', 'also write an LMS gradebook: canvas, moodle, blackboard, csv (repeatable)')
    .option('--gradebook-columns <what>', 'gradebook score columns: assignment (the total) or questions (one per question)', 'assignment')
    .option('--canvas-assignment-id <id>', 'the Canvas assignment the canvas gradebook updates')
    .action(async (dirs: string[], opts) => {
      const { mergeCommand } = await import('./merge-command.ts');
      code = await mergeCommand(dirs, opts, io);
    });

  program
    .command('gradescope')
    .description("build the zip of a Gradescope autograder for a pack (Gradescope's Zip file upload)")
    .option('--spec <dir>', 'course pack folder (default: the only pack under specs/)')
    .requiredOption('--out <file>', 'where to write the zip, e.g. autograder.zip')
    .option('--grader <tgz>', 'the packed dlgrade to put in the zip (default: pack this one)')
    .option('--node-version <version>', 'the Node 20 release setup.sh installs when the image has none')
    .option('--secret-file <file>', "the course secret of a pack drawn per student (default: $DLGRADE_SECRET), put in the zip as course.secret")
    .action(async (opts) => {
      const { gradescopeCommand } = await import('./gradescope-command.ts');
      code = await gradescopeCommand({ ...opts, spec: await resolveSpecDir(opts.spec) }, io);
    });

  program
    .command('autograde')
    .description('what run_autograder runs on Gradescope: grade <root>/submission, write <root>/results/results.json')
    .option('--root <dir>', "Gradescope's autograder folder", '/autograder')
    .action(async (opts) => {
      const { autogradeCommand } = await import('./autograde-command.ts');
      code = await autogradeCommand(opts, io);
    });

  program
    .command('validate')
    .description('check a course pack: YAML, schema and semantic rules')
    .argument('[dir]', 'course pack folder (default: the only pack under specs/)')
    .action(async (dir: string | undefined) => {
      const { validateCommand } = await import('./validate-command.ts');
      code = await validateCommand(await resolveSpecDir(dir, 'as the argument (dlgrade validate specs/<id>)'), io);
    });

  program
    .command('publish-spec')
    .description('write the student-facing copy of a pack: visible checks only, with answer skeletons')
    .option('--out <dir>', 'where to write the public pack (with its skeletons in skeleton/)')
    .option('--student-repo <dir>', 'write a whole student repository instead: specs/<pack id>/, the skeletons, a README and the grading workflow')
    .option('--student <id...>', "write these students' own copies, with their numbers, each under <dir>/<id>/")
    .option('--roster <file>', 'write one copy per student of this class list (CSV with an id column, or a Canvas gradebook export), each under <dir>/<id>/')
    .option('--roster-id <column>', 'the roster column naming the students (default: id; SIS Login ID for a Canvas export)')
    .option('--secret-file <file>', "the course secret students' variants are drawn from (default: $DLGRADE_SECRET)")
    .option('--spec <dir>', 'course pack folder (default: the only pack under specs/)')
    .action(async (opts) => {
      const { publishSpecCommand } = await import('./publish-spec-command.ts');
      code = await publishSpecCommand({ ...opts, spec: await resolveSpecDir(opts.spec) }, io);
    });

  program
    .command('selftest')
    .description("grade a pack's reference solution and every known mistake, and check they score as intended")
    .argument('[dir]', 'course pack folder (default: the only pack under specs/)')
    .action(async (dir: string | undefined) => {
      const { selftestCommand } = await import('./selftest-command.ts');
      code = await selftestCommand(await resolveSpecDir(dir, 'as the argument (dlgrade selftest specs/<id>)'), io);
    });

  program
    .command('init')
    .description('scaffold a course repository: a pack with one part of each kind, its code, samples, tests and CI')
    .argument('<dir>', 'folder of the new repository (created; must be empty if it exists)')
    .option('--pack <id>', 'id of the pack (default: the folder name)')
    .action(async (dir: string, opts: { pack?: string }) => {
      const { initCommand } = await import('./init-command.ts');
      code = await initCommand(dir, opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      // Messages quote what was read (a sheet's values, a times file's rows): shown, never obeyed.
      io.stderr(`error: ${cleanText(err.message)}\n`);
      return EXIT.usage;
    }
    const message = err instanceof HarnessError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr(`internal error: ${cleanText(message)}\n`);
    return EXIT.internal;
  }
}
