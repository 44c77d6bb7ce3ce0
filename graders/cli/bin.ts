#!/usr/bin/env node
import { graderHelper } from '../submission/load-solution.ts';
import { run } from './main.ts';

process.exitCode = await run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
});
// A helper that compiled or started sandbox children for this command ends waited for, so the
// CPU it and they used is counted where the TA's `time` looks.
await graderHelper.close();
