import { defineConfig } from 'vitest/config'

// One test run for the whole workspace; each folder with a vitest.config.ts is a project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'server', 'designer', 'runtime'],
    // @formily/element-plus still passes Radio options as `label`; Element Plus warns on every render.
    onConsoleLog: (log) => (log.includes('label act as value is about to be deprecated') ? false : undefined),
  },
})
