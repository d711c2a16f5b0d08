/**
 * The layer rules of docs/architecture.md, checked by `npm run lint` (depcruise src).
 * A module imports only from its own layer or the layers below it; cycles are bugs; sources
 * never import test support; features of one layer do not reach into each other's folders.
 */

/** Bottom first. A layer may import the layers before it in this list, and itself. */
const LAYERS = [
  ['ground', '^src/ground/'],
  ['errors', '^src/errors/'],
  ['model', '^src/model/'],
  ['domain', '^src/domain/'],
  ['storage', '^src/storage/'],
  ['services', '^src/services/'],
  ['flows', '^src/flows/'],
  ['operations', '^src/operations/'],
  ['protocol', '^src/protocol/'],
  ['app', '^src/app/'],
  ['main', '^src/(main[.]ts$|cli/)'],
];

const layerRules = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `layer-${name}`,
  comment: `${name} is below ${LAYERS.slice(i + 1).map(([n]) => n).join(', ')}: it may not import them`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => p) },
}));

/** Test code: test files, the store contract suites, and everything under test/. */
const TEST_CODE = ['[.]test[.]ts$', '^src/storage/contract/', '^test/'];

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'every-module-in-a-layer',
      comment: 'each source file belongs to one of the layers (or is test code)',
      severity: 'error',
      from: { path: '^src/', pathNot: [...LAYERS.map(([, p]) => p), ...TEST_CODE] },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'import cycles are bugs: a module cannot be understood, or loaded, without itself',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-sources',
      comment: 'sources run in production: they never import tests, the contract suites or test support',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'no-tools-in-sources',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(bench|scripts)/' },
    },
    {
      name: 'adapters-stand-alone',
      comment: 'a store adapter never imports another one; what both need lives in storage/shared',
      severity: 'error',
      from: { path: '^src/storage/(sqlite|postgres)/' },
      to: { path: '^src/storage/(sqlite|postgres)/', pathNot: '^src/storage/$1/' },
    },
    {
      name: 'operations-features-apart',
      comment: 'an operation feature folder does not reach into another one; what two share goes down a layer',
      severity: 'error',
      from: { path: '^src/operations/([^/]+)/' },
      to: { path: '^src/operations/[^/]+/', pathNot: '^src/operations/$1/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The exports field and its conditions, so that a package's subpath exports (@simplewebauthn/server/helpers) resolve as Node resolves them.
    enhancedResolveOptions: { extensions: ['.ts', '.js'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
