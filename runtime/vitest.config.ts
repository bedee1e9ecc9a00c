import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

export default defineProject({
  // Runnable on its own (`npx vitest run --config runtime/vitest.config.ts`) as well as a project of the root config.
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [vue()],
  test: {
    name: 'runtime',
    include: ['src/**/__tests__/*.spec.ts'],
    environment: 'happy-dom',
    setupFiles: ['src/test-setup.ts'],
    // Component tests import Formily / Element Plus on first use; on a busy machine that takes seconds.
    testTimeout: 30000,
    css: false,
    server: { deps: { inline: [/@formily/, /element-plus/] } },
  },
})
