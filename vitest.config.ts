import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // A pack's code imports the package by name, as a course repository does; here that is the source.
  resolve: { alias: { dlgrade: fileURLToPath(new URL('./graders/index.ts', import.meta.url)) } },
  test: {
    include: ['graders/**/*.test.ts', 'reference/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/fixtures/**', 'node_modules/**', 'dist/**'],
    setupFiles: ['tests/setup/fast-check.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The CLI and sandbox tests spawn real processes; two cores are all there is.
    pool: 'forks',
    maxWorkers: 2,
  },
});
