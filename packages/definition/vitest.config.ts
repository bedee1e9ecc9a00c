import { defineProject } from 'vitest/config'

export default defineProject({
  test: { name: 'definition', include: ['__tests__/**/*.spec.ts'] },
})
