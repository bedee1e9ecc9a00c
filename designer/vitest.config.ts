import vue from '@vitejs/plugin-vue'
import { defineProject } from 'vitest/config'

export default defineProject({
  plugins: [vue()],
  test: {
    name: 'designer',
    root: import.meta.dirname,
    include: ['src/**/__tests__/*.spec.ts'],
    environment: 'happy-dom',
    css: false,
    server: { deps: { inline: [/@formily/, /element-plus/] } },
  },
})
