/**
 * The dependency rule, checked on every CI run (`npm run arch`).
 * domain ← application ← infrastructure ← composition root (src/main.ts, src/cli.ts, src/composition-root.ts).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports only src/domain: no npm package, no node: module, no outer layer.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'application-depends-on-domain-only',
      comment: 'Use cases see the domain and their own ports, never adapters, packages or node: modules.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { pathNot: '^src/(application|domain)/' },
    },
    {
      name: 'nobody-imports-infrastructure-inward',
      severity: 'error',
      from: { path: '^src/(domain|application)/' },
      to: { path: '^src/infrastructure/' },
    },
    {
      name: 'use-cases-share-no-code',
      comment: 'A use case may take another by type (injected), never run its code: a rule two use cases share lives in a module beside them (users/user-access.ts, orders/order-access.ts).',
      severity: 'error',
      from: { path: '\\.use-case\\.ts$' },
      to: { path: '\\.use-case\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ports-folder-holds-ports',
      comment: 'application/ports/ holds only *.port.ts files, so the folder says what is inside; shared application code goes to application/shared/.',
      severity: 'error',
      from: {},
      to: { path: '^src/application/ports/', pathNot: '\\.port\\.ts$' },
    },
    {
      name: 'entry-points-are-leaves',
      comment: 'src/main.ts and src/cli.ts are entry points: nothing imports them.',
      severity: 'error',
      from: {},
      to: { path: '^src/(main|cli)\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-dev-dependencies-in-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
    builtInModules: { add: [] },
  },
};
