// The code rules of `npm run lint` (the layer rules are dependency-cruiser's: .dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Test code: test files, the store's contract suites, test support, benchmarks and scripts. */
const TEST_CODE = ['**/*.test.ts', 'src/storage/contract/**', 'test/**', 'bench/**', 'scripts/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'bench/results.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-named bindings are the idiom for "left out on purpose" (a destructured member dropped).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
    },
  },
  {
    // Tests reach into libraries that have no types of their own (amazon-cognito-identity-js's SRP internals).
    files: TEST_CODE,
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Sources run in production: a promise nobody awaits is an error nobody sees.
    files: ['src/**/*.ts'],
    ignores: TEST_CODE,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // One error catalogue: a CognitoError is made only by its named constructors, so each message is spelled once.
    files: ['src/**/*.ts'],
    ignores: ['src/errors/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='CognitoError']", message: 'Make Cognito errors with a named constructor of src/errors (the catalogue), adding one there if needed.' },
      ],
    },
  },
);
