import { defineProject } from 'vitest/config'

export default defineProject({
  test: { name: 'cli', include: ['__tests__/**/*.spec.ts'] },
})
