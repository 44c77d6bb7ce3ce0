import type { SubmissionResult } from '../results/result.ts';
import { progressLine } from '../report/render/terminal-text.ts';
import type { Io } from './errors.ts';

/** Live progress of a grading run. */
export interface Progress {
  /** One submission finished (graded, or kept from an earlier run by --resume). */
  tick(result: SubmissionResult, done: number, total: number, reused: boolean): void;
  /** Ends the live display and returns the closing line (counts, time, throughput). */
  stop(): string;
}

/**
 * A progress bar with counts and ETA on an interactive terminal; otherwise (CI logs, pipes) one
 * plain line per finished submission, which stays readable when interleaved or truncated.
 */
export async function createProgress(io: Io, total: number): Promise<Progress> {
  const started = performance.now();
  let graded = 0;
  let reused = 0;
  const count = (wasReused: boolean) => (wasReused ? (reused += 1) : (graded += 1));
  const closing = () => {
    const seconds = (performance.now() - started) / 1000;
    const rate = graded > 0 && seconds > 0 ? `, ${(graded / seconds).toFixed(1)} submissions/s` : '';
    return `${graded} graded${reused ? `, ${reused} kept from the earlier run (--resume)` : ''} in ${seconds.toFixed(1)} s${rate}\n`;
  };
  if (!io.isTTY || total === 0) {
    return {
      tick(result, done, all, wasReused) {
        count(wasReused);
        io.stdout(`${progressLine(result, done, all)}${wasReused ? ' (kept)' : ''}\n`);
      },
      stop: closing,
    };
  }
  // Loaded only for a terminal, so CI runs never pay for it.
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar(
    {
      format: 'grading {bar} {value}/{total} | {percentage}% | ETA {eta_formatted} | {last}',
      stream: process.stdout,
      hideCursor: true,
      etaBuffer: 50,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { last: '' });
  return {
    tick(result, done, _all, wasReused) {
      count(wasReused);
      bar.update(done, { last: `${result.student} ${result.total}/${result.max}${wasReused ? ' (kept)' : ''}` });
    },
    stop() {
      bar.stop();
      return closing();
    },
  };
}
