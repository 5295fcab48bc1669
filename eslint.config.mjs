import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Application code logs through pino (which redacts secrets), never the console.
    files: ['src/**/*.ts', 'blocks/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  // The layers (README, "Architecture"): each rule names what a layer may not reach for.
  {
    files: ['src/**/*.ts', 'blocks/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'mongoose', message: 'Only src/store knows MongoDB; ask a repository.' }] },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/blocks/*', '**/content/*', '@slack/*', 'mongoose'],
              message:
                'Services speak the domain: return a Result; src/slack/presenters word it with blocks/ and src/content.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', 'node:*', '@slack/*', 'mongoose'],
              message: 'src/domain is pure rules: domain code, luxon and zod only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['blocks/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/src/services/*',
                '**/src/store/*',
                '**/src/slack/*',
                '**/src/scheduler/*',
                'mongoose',
              ],
              message: 'blocks/ are pure Block Kit builders: data in, JSON out.',
            },
          ],
        },
      ],
    },
  },
);
