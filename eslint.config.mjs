// The layer arrows of DESIGN.md, enforced: an import that runs the wrong way is a lint error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const outsideDomain = ['**/use-cases/**', '**/storage/**', '**/bot/**', '**/api/**', '**/server/**', '**/tab/**', '**/i18n/**'];
const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os', 'child_process', 'net'];
const headcountFacade = { group: ['**/headcount/*'], message: 'Import the headcount computation from its folder (index.ts); its parts are internal.' };
// What the domain may not import; `up` is the relative path that leaves src/domain from the files matched.
const domainImportRules = (up, ...extra) => [
  'error',
  {
    patterns: [
      { group: outsideDomain, message: 'src/domain imports nothing outside itself.' },
      { group: [up], message: 'src/domain imports nothing outside itself.' },
      { group: nodeBuiltins, message: 'src/domain does no I/O.' },
      { group: ['@azure/*', 'botbuilder*', '@microsoft/*', 'restify', 'zod'], message: 'src/domain depends on no library.' },
      ...extra,
    ],
  },
];
// Processes, sockets and files are the embedded store's business; the table adapters only talk to the SDK.
const storageIo = ['node:child_process', 'child_process', 'node:net', 'net', 'node:fs', 'fs', 'node:fs/*', 'fs/*', 'node:readline', 'readline', 'node:os', 'os'];
const storageImportRules = (...extra) => [
  'error',
  {
    patterns: [
      { group: ['**/bot/**', '**/api/**', '**/server/**', '**/tab/**', '**/i18n/**'], message: 'storage imports ports and domain types only.' },
      {
        group: ['**/use-cases/*', '!**/use-cases/ports', '!**/use-cases/reminders', '**/use-cases/reminders/*', '!**/use-cases/reminders/reminder-ports', '!**/use-cases/*-port'],
        message: 'storage imports ports and domain types only.',
      },
      ...extra,
    ],
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'bench-builds/**', '.data/**', 'coverage/**', 'test-artifacts/**', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      // Input validation matches control characters on purpose, to reject or strip them.
      'no-control-regex': 'off',
      'no-console': 'off',
    },
  },
  {
    // The domain is pure: nothing outside it, no I/O, no clock, no environment, no randomness.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': domainImportRules('../*', headcountFacade),
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The domain takes the time as a parameter.' },
        { object: 'Math', property: 'random', message: 'The domain is deterministic.' },
        { object: 'process', property: 'env', message: 'The domain never reads the environment.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain takes the time as a parameter.' },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'The domain never reads the environment.' }],
    },
  },
  {
    // One folder deeper: leaving the domain takes one more `..`; the parts may import each other.
    files: ['src/domain/headcount/**/*.ts'],
    rules: {
      'no-restricted-imports': domainImportRules('../../*'),
    },
  },
  {
    files: ['src/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/storage/**', '**/bot/**', '**/api/**', '**/server/**', '**/tab/**'], message: 'use-cases depend on ports, not adapters.' },
            { ...headcountFacade, group: ['**/domain/headcount/*'] },
          ],
        },
      ],
    },
  },
  {
    // Reading import files is a pure translation into catalogs: it builds on the domain and the ports' types alone.
    files: ['src/catalog-import/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/storage/**', '**/bot/**', '**/api/**', '**/server/**', '**/tab/**', '**/i18n/**'],
              message: 'catalog-import/ imports only the domain and the ports.',
            },
            { group: ['**/use-cases/*', '!**/use-cases/ports'], message: 'catalog-import/ imports only the domain and the ports.' },
            { group: nodeBuiltins, message: 'catalog-import/ reads text it is given; the caller reads the files.' },
            { ...headcountFacade, group: ['**/domain/headcount/*'] },
          ],
        },
      ],
    },
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': storageImportRules({ group: storageIo, message: 'Only src/storage/embedded runs processes, opens sockets or touches files.' }),
    },
  },
  {
    // The embedded store launches Azurite in a child process over a data folder: storage's rules, plus the I/O that takes.
    files: ['src/storage/embedded/**/*.ts'],
    rules: {
      'no-restricted-imports': storageImportRules(),
    },
  },
  {
    // bot/proactive/ (the notifier, its rate limiter and connector transport) is the bot's, under the same rules.
    files: ['src/bot/**/*.ts', 'src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/storage/**', '**/server/**'], message: 'bot/ and api/ reach storage through use-cases only.' }] },
      ],
    },
  },
  {
    // The tab talks to the server over HTTP only; it may import types from the domain, and the i18n resources.
    files: ['src/tab/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/api/**', '**/server/**', '**/storage/**', '**/use-cases/**', '**/bot/**'], message: 'The tab talks to the server over HTTP only.' },
            { group: ['**/domain/**'], allowTypeImports: true, message: 'The tab may only `import type` from the domain.' },
          ],
        },
      ],
    },
  },
  {
    // The REST shapes are read by the tab in the browser and built by the API: types only, from the domain alone.
    files: ['src/api-contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/api/**', '**/server/**', '**/storage/**', '**/use-cases/**', '**/bot/**', '**/tab/**', '**/i18n/**'], message: 'api-contract/ holds the REST shapes: types from the domain only.' },
            { group: ['**/domain/**'], allowTypeImports: true, message: 'api-contract/ may only `import type` from the domain.' },
          ],
        },
      ],
    },
  },
  {
    // The messages and refusal sentences are bundled by the tab as well as used by the server: types from the domain only.
    files: ['src/i18n/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/api/**', '**/api-contract/**', '**/server/**', '**/storage/**', '**/use-cases/**', '**/bot/**', '**/tab/**', '**/catalog-import/**'], message: 'i18n/ is bundled by the tab: it imports types from the domain only.' },
            { group: ['**/domain/**'], allowTypeImports: true, message: 'i18n/ may only `import type` from the domain.' },
          ],
        },
      ],
    },
  },
  {
    // Only the composition root reads the environment.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/server/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/server/config.ts reads the environment.' },
      ],
    },
  },
);
