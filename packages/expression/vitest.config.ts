import { defineProject } from 'vitest/config'

export default defineProject({
  test: { name: 'expression', include: ['__tests__/**/*.spec.ts'] },
})
