// One linter config for server, schema, web and tests. Besides style, it holds the layers:
// SQL and database drivers live only in server/store/, routes reach the store only through
// verbs and views, and the pure analysis code touches neither. The type-aware promise rules
// catch a store call that was not awaited.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const drivers = ['better-sqlite3', 'pg', 'pg-cursor', 'drizzle-orm', 'drizzle-orm/*'];
const sqlText =
  '/(\\bselect\\b[^]*\\bfrom\\b|\\binsert\\s+(or\\s+\\w+\\s+)?into\\b|\\bupdate\\s+\\w+\\s+set\\b|\\bdelete\\s+from\\b|\\bpragma\\b\\s+\\w)/i';
const storeOnly = 'SQL and database drivers belong in server/store/ (see its README).';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'web/dist/', 'schema/migrations/', 'schema/migrations-pg/', 'tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['server/**/*.ts', 'test/**/*.ts', 'deploy/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: drivers, message: storeOnly },
            {
              group: ['**/store/engine/*', '**/store/engine/**'],
              message: "Use the store's aggregates (server/store/store.ts), not the engine.",
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=${sqlText}]`, message: storeOnly },
        { selector: `TemplateElement[value.raw=${sqlText}]`, message: storeOnly },
        { selector: "CallExpression[callee.property.name='prepare']", message: storeOnly },
      ],
    },
  },
  {
    // Routes parse, call a verb or a view, and answer.
    files: ['server/routes/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=${sqlText}]`, message: storeOnly },
        { selector: `TemplateElement[value.raw=${sqlText}]`, message: storeOnly },
        {
          selector: "MemberExpression[property.name='store']",
          message: 'Routes call verbs and views, never the store.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: drivers, message: storeOnly },
            {
              group: ['**/store/**', '**/store/*'],
              message: 'Routes call verbs and views, never the store.',
            },
          ],
        },
      ],
    },
  },
  {
    // Analysis is pure: no store, no services, no HTTP.
    files: [
      'server/sensemaking/clustering/**/*.ts',
      'server/sensemaking/dedup/**/*.ts',
      'server/sensemaking/classifier/**/*.ts',
      'server/sensemaking/reply-quality/**/*.ts',
      'server/adoption/**/*.ts',
      'server/text/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: drivers, message: storeOnly },
            {
              group: ['**/store/**', '**/store/*', '**/services.ts', 'hono', 'hono/*'],
              message: 'Analysis code is pure: no store, no services, no HTTP.',
            },
          ],
        },
      ],
    },
  },
);
