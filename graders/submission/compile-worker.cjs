'use strict';
// The grader's helper process: it compiles the students' solutions and starts their sandbox
// children, so that the grader itself (about 150 MB) forks neither.
//
// Compiling: it bundles one student's solution at a time with esbuild and sends back the code or
// the compiler's messages. It is ours, not the student's, but esbuild's service is a Go program
// that a hostile source can crash, or drive to gigabytes of stack and minutes of work (a few
// thousand nested blocks or arrow functions): the grader then kills that service (a crash ends it
// by itself), this process starts a fresh one for the next compilation, and the crash report goes
// nowhere instead of to the TA's terminal.
//
// Starting children: a fork costs in proportion to the forking process's memory (about 10 ms of
// the grader's blocked time and as much CPU again in the copy, against about 1 ms here). The
// grader sends the full command line (the isolation wrappers, Node's flags, the runner); this
// process spawns it exactly so, with no environment, hands the child's three pipes (stdout,
// stderr, the fd 3 channel) to the grader over its IPC channel and closes its own copies: the
// grader talks to the child directly, as if it had spawned it. It relays the child's exit and the
// grader's kills, and never reads anything from a child.
const { spawn } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs/promises');
const fsSync = require('node:fs');
const esbuild = require(process.argv[2]);

const MAX_SOURCE_BYTES = 1_000_000;
const MAX_NESTING = 200;
const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.json': 'json' };

function isInside(root, target) {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function firstExisting(target) {
  const tries = [target, ...['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs', '.json'].map((e) => target + e)];
  if (/\.js$/.test(target)) tries.splice(1, 0, target.replace(/\.js$/, '.ts'));
  for (const t of tries) {
    const info = await fs.lstat(t).catch(() => undefined);
    if (info && !info.isDirectory()) return t;
  }
  return undefined;
}

async function checkFile(root, file, asWritten = path.basename(file)) {
  const refuse = (why) => ({ errors: [{ text: `cannot import "${asWritten}": ${why}` }] });
  if (!isInside(root, file)) return refuse('it is outside your submission folder');
  const info = await fs.lstat(file).catch(() => undefined);
  if (!info) return refuse('file not found');
  if (info.isSymbolicLink()) return refuse('it is a symbolic link; submit regular files only');
  if (!info.isFile()) return refuse('it is not a regular file');
  if (info.nlink > 1) return refuse('it is a hard link; submit regular files only');
  if (info.size > MAX_SOURCE_BYTES) return refuse(`it is larger than ${MAX_SOURCE_BYTES} bytes`);
  if (!LOADERS[path.extname(file)]) return refuse('only .ts, .js and .json files can be imported');
  // A directory on the way could itself be a symlink out of the folder.
  const real = await fs.realpath(file);
  if (!isInside(root, real)) return refuse('it resolves outside your submission folder');
  return { path: real };
}

/**
 * The deepest nesting of brackets in a source, skipping strings, comments, template text and
 * (roughly) regular expressions; past MAX_NESTING, where it first goes too deep. Real code stays
 * under 30; the compiler's recursion is what a deeper one attacks.
 */
function nestingProblem(text) {
  let depth = 0;
  let line = 1;
  let col = 0;
  const templates = []; // depth at which each open `${` of a template literal started
  let prev = ''; // last significant character, to tell a regular expression from a division
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    col++;
    if (c === '\n') {
      line++;
      col = 0;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      i--;
      continue;
    }
    if (c === '/' && next === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] === '\n') {
          line++;
          col = 0;
        }
        i++;
      }
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      prev = 'a';
      continue;
    }
    if (c === '`' || (c === '}' && templates.length && templates[templates.length - 1] === depth)) {
      if (c === '}') templates.pop();
      // Template text up to its end or the next `${`.
      for (i++; i < text.length; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '\n') {
          line++;
          col = 0;
        } else if (text[i] === '`') break;
        else if (text[i] === '$' && text[i + 1] === '{') {
          i++;
          templates.push(depth);
          break;
        }
      }
      prev = 'a';
      continue;
    }
    if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev))) {
      let inClass = false;
      for (i++; i < text.length && text[i] !== '\n'; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '[') inClass = true;
        else if (text[i] === ']') inClass = false;
        else if (text[i] === '/' && !inClass) break;
      }
      prev = 'a';
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return { line, column: col - 1, text: `brackets are nested more than ${MAX_NESTING} levels deep; simplify this code` };
    } else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    prev = c;
  }
  return undefined;
}

const confine = (root) => ({
  name: 'confine-to-submission',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point') return checkFile(root, args.path);
      if (!args.path.startsWith('.') && !path.isAbsolute(args.path)) {
        return { errors: [{ text: `cannot import "${args.path}": only files of your own submission folder can be imported (no packages or built-in modules)` }] };
      }
      const target = path.resolve(args.resolveDir, args.path);
      const withExt = await firstExisting(target);
      if (!withExt) return { errors: [{ text: `cannot import "${args.path}": file not found in your submission folder` }] };
      return checkFile(root, withExt, args.path);
    });
    b.onLoad({ filter: /.*/ }, async (args) => {
      const handle = await fs.open(args.path, 'r');
      let contents;
      try {
        const buf = Buffer.alloc(MAX_SOURCE_BYTES + 1);
        const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
        if (bytesRead > MAX_SOURCE_BYTES) return { errors: [{ text: `${path.basename(args.path)} is larger than ${MAX_SOURCE_BYTES} bytes` }] };
        contents = buf.subarray(0, bytesRead).toString('utf8');
      } finally {
        await handle.close();
      }
      const loader = LOADERS[path.extname(args.path)];
      const deep = loader === 'json' ? undefined : nestingProblem(contents);
      if (deep) return { errors: [{ text: deep.text, location: { file: args.path, line: deep.line, column: deep.column } }] };
      return { contents, loader, resolveDir: path.dirname(args.path) };
    });
  },
});

async function compile(root, entry) {
  try {
    const result = await esbuild.build({
      entryPoints: [path.join(root, entry)],
      absWorkingDir: root,
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'neutral',
      target: 'node20',
      // No tsconfig lookup: a tsconfig (the student's or a parent's) could remap imports.
      tsconfigRaw: {},
      mainFields: [],
      // Indentation grows with nesting: a deeply nested source would otherwise print a bundle
      // quadratic in its size.
      minifyWhitespace: true,
      logLevel: 'silent',
      plugins: [confine(root)],
    });
    return { ok: true, code: result.outputFiles[0] ? result.outputFiles[0].text : '' };
  } catch (err) {
    const errors = err && Array.isArray(err.errors) ? err.errors : undefined;
    if (errors && errors.length) {
      return { ok: false, errors: errors.slice(0, 20).map((e) => ({ text: String(e.text).slice(0, 2000), location: e.location ? { file: e.location.file, line: e.location.line, column: e.location.column } : null })) };
    }
    // No messages: esbuild's service itself failed (it crashed or was stopped).
    return { crashed: String(err && err.message ? err.message : err).slice(0, 500) };
  }
}

function send(msg, handle) {
  if (process.connected) process.send(msg, handle);
}

// esbuild's service died (it crashed, or the grader killed it): the next compilation starts a new one.
function resetService() {
  Promise.resolve(esbuild.stop()).catch(() => undefined);
}

const children = new Map();

function spawnChild(msg) {
  let child;
  try {
    child = spawn(msg.file, msg.args, { cwd: msg.cwd, env: {}, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  } catch (err) {
    send({ type: 'error', id: msg.id, message: String(err && err.message ? err.message : err) });
    send({ type: 'exit', id: msg.id, code: null, signal: null });
    return;
  }
  children.set(msg.id, child);
  child.on('error', (err) => {
    send({ type: 'error', id: msg.id, message: String(err && err.message ? err.message : err) });
    // A child that could not be started never exits.
    if (child.pid === undefined && children.delete(msg.id)) send({ type: 'exit', id: msg.id, code: null, signal: null });
  });
  child.on('exit', (code, signal) => {
    children.delete(msg.id);
    send({ type: 'exit', id: msg.id, code, signal });
  });
  if (child.pid === undefined) return; // 'error' follows
  const pipes = [child.stdout, child.stderr, child.stdio[3]];
  // Node starts reading a child's pipes as soon as it makes them; this process must not, or what
  // the child writes before the grader holds the pipe (its first message) would be lost here.
  for (const p of pipes) {
    p._handle.reading = false;
    p._handle.readStop();
  }
  // Each pipe goes in a message of its own (one handle per message); sending closes our copy.
  send({ type: 'spawned', id: msg.id, pid: child.pid });
  for (let fd = 1; fd <= 3; fd++) send({ type: 'pipe', id: msg.id, fd }, pipes[fd - 1]);
}

process.on('message', (msg) => {
  if (msg === null || typeof msg !== 'object') return;
  if (msg.type === 'spawn') return spawnChild(msg);
  if (msg.type === 'kill') {
    const child = children.get(msg.id);
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return;
  }
  compile(msg.root, msg.entry).then(
    (reply) => {
      if ('crashed' in reply) resetService();
      send({ id: msg.id, ...reply });
    },
    (err) => {
      resetService();
      send({ id: msg.id, crashed: String(err) });
    },
  );
});
// The grader is gone (even by SIGKILL): so are its children, then this process. It first stops
// esbuild's service and waits, briefly, until every child of its own has been reaped: a process
// that exits unwaited takes its CPU time out of every account above it (the TA's \`time\`, the
// bench), and this one has waited for every sandbox child it started.
const REAP_WAIT_MS = 1000;
function ownChildren() {
  try {
    return fsSync.readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8').trim();
  } catch {
    return '';
  }
}
process.on('disconnect', () => {
  for (const child of children.values()) child.kill('SIGKILL');
  Promise.resolve(esbuild.stop()).catch(() => undefined);
  const until = Date.now() + REAP_WAIT_MS;
  const poll = () => {
    if (ownChildren() === '' || Date.now() > until) process.exit(0);
    else setTimeout(poll, 5);
  };
  poll();
});
send({ ready: true });
