'use strict';
// The launcher: a small process, one per grader process, that starts the sandbox children for it.
// Starting a process from the grader forks its whole address space (about 150 MB), which costs
// the grader about 10 ms of blocked time and as much CPU again in the forked copy; from this
// process it costs about 1 ms. The grader sends the full command line (the isolation wrappers,
// Node's flags, the runner), the launcher spawns it exactly so, with no environment, and hands the
// child's three pipes (stdout, stderr, the fd 3 channel) to the grader over its IPC channel, then
// closes its own copies: the grader talks to the child directly, as if it had spawned it. It
// relays the child's exit and the grader's kills. It never reads anything from a child.
const { spawn } = require('node:child_process');

const children = new Map();

function send(msg, handle) {
  if (process.connected) process.send(msg, handle);
}

process.on('message', (msg) => {
  if (msg === null || typeof msg !== 'object') return;
  if (msg.type === 'spawn') {
    let child;
    try {
      child = spawn(msg.file, msg.args, { cwd: msg.cwd, env: {}, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    } catch (err) {
      send({ type: 'error', id: msg.id, message: String(err && err.message ? err.message : err) });
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
    return;
  }
  if (msg.type === 'kill') {
    const child = children.get(msg.id);
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

// The grader is gone (even by SIGKILL): so are its children, then this process.
process.on('disconnect', () => {
  for (const child of children.values()) child.kill('SIGKILL');
  process.exit(0);
});
send({ type: 'ready' });
