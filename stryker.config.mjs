// @ts-check
/**
 * Mutation check of the domain and the use cases against the fast unit tests
 * (`npm run mutation`; see docs/testing.md). Not part of `npm test`: it takes minutes.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  mutate: ['src/domain/**/*.ts', 'src/application/**/*.ts', '!src/**/*.port.ts', '!src/application/ports/**'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.unit.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  coverageAnalysis: 'perTest',
  // The machine's cores are shared; more workers only queue.
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  ignorePatterns: ['dist', 'data', 'bench', 'clients', 'coverage', 'reports', 'test-results', 'test/e2e', 'test/infrastructure'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 95, low: 90, break: null },
};
