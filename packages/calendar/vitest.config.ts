import { defineProject } from 'vitest/config'

export default defineProject({
  test: { name: 'calendar', include: ['__tests__/**/*.spec.ts'] },
})
