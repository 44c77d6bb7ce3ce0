import { renderSummary } from './render/terminal-text.ts';
import type { Reporter } from './types.ts';

/** The end-of-run summary on the terminal (the CLI's standard output): what needs attention, then totals. */
export const terminalReporter: Reporter = {
  name: 'terminal',
  async classWide(ctx) {
    ctx.print?.(`\n${renderSummary(ctx)}`);
  },
};
