import { defineConfig } from 'vitest/config';

/**
 * The fast unit tests only (domain and use cases on in-memory fakes): what the
 * mutation check (`npm run mutation`) runs against every mutant.
 */
export default defineConfig({
  test: {
    include: ['test/domain/**/*.test.ts', 'test/application/**/*.test.ts'],
    environment: 'node',
  },
});
