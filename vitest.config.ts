import { defineConfig } from 'vitest/config';

export default defineConfig({
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
