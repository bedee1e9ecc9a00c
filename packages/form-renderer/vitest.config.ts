import vue from '@vitejs/plugin-vue'
import { defineProject } from 'vitest/config'

export default defineProject({
  plugins: [vue()],
  test: {
    name: 'form-renderer',
    include: ['__tests__/**/*.spec.ts'],
    environment: 'happy-dom',
    css: false,
    server: { deps: { inline: [/@formily/, /element-plus/] } },
    // @formily/element-plus still passes Radio options as `label`; Element Plus warns about it on every render.
    onConsoleLog: (log) => (log.includes('label act as value is about to be deprecated') ? false : undefined),
  },
})
