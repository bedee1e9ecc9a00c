// One flat config for the workspace. Beyond the recommended rules it enforces what keeps the
// codebase honest: packages depend one way (expression ← definition ← calendar ← engine; apps and
// server depend on packages, never the reverse), pure packages touch no I/O, clock or globals,
// and nothing ever evaluates strings as code.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const pure = ['packages/expression', 'packages/definition', 'packages/calendar', 'packages/engine']
const io = ['node:*', 'fs', 'path', 'os', 'http', 'crypto', 'child_process', 'koa', 'knex', 'sqlite3', 'pg', 'vue', 'element-plus', '@formily/*', '@logicflow/*']
const upward = (allowed) =>
  ['@sunlight/expression', '@sunlight/definition', '@sunlight/calendar', '@sunlight/engine', '@sunlight/server', '@sunlight/cli']
    .filter((p) => !allowed.includes(p))

/** Package → the workspace packages it may import. */
const boundaries = {
  'packages/expression': [],
  'packages/definition': ['@sunlight/expression'],
  'packages/calendar': ['@sunlight/definition'],
  'packages/engine': ['@sunlight/expression', '@sunlight/definition', '@sunlight/calendar'],
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'bench/results/**', '**/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'focused test left in' },
        { object: 'describe', property: 'only', message: 'focused test left in' },
        { object: 'it', property: 'skip', message: 'skipped test left in' },
        { object: 'describe', property: 'skip', message: 'skipped test left in' },
      ],
    },
  },
  ...Object.entries(boundaries).map(([dir, allowed]) => ({
    files: [`${dir}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: upward(allowed).map((name) => ({ name, message: `${dir} may not depend on ${name} (dependency direction: see ARCHITECTURE.md)` })),
          patterns: [{ group: io, message: 'pure packages do no I/O and import no UI or database libraries' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'setTimeout', 'setInterval'],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'pure packages take `now` as an argument' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'pure packages take `now` as an argument' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'pure packages are deterministic' },
      ],
    },
  })),
  {
    files: pure.map((p) => `${p}/scripts/**/*.ts`).concat(['**/__tests__/**/*.ts']),
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // Tests walk JSON responses and deliberately broken definitions; production code keeps the rule.
    files: ['**/__tests__/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vue', 'element-plus', '@formily/*', '@logicflow/*', '@sunlight/cli'], message: 'the server imports no UI code' }] }],
    },
  },
)
