import { defineConfig } from 'vitest/config'

// One test run for the whole workspace; each folder with a vitest.config.ts is a project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'server'],
  },
})
