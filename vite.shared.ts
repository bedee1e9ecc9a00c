import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import type { UserConfig } from 'vite'

/**
 * The Vite settings both apps share: Vue SFCs, Element Plus imported on demand, Sass deprecation
 * noise from @formily/element-plus silenced, /api proxied to the server in dev, and libraries
 * split into cacheable chunks.
 */
export function sharedConfig(options: { base: string; port: number }): UserConfig {
  return {
    base: options.base,
    plugins: [
      vue(),
      AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
      Components({ resolvers: [ElementPlusResolver()], dts: false }),
    ],
    css: {
      preprocessorOptions: {
        scss: { quietDeps: true, silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'slash-div', 'if-function'] },
      },
    },
    server: { port: options.port, proxy: { '/api': 'http://127.0.0.1:3000' } },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      chunkSizeWarningLimit: 1500,
      rolldownOptions: {
        output: {
          // One group only: the Vue runtime. Libraries are not grouped: a group of Element Plus
          // put every component any page uses into the sign-in page; a LogicFlow or Formily group
          // captures shared dependencies (lodash-es) so the first page loaded it, and without that
          // capture their modules ran out of order ("b is not a function"). Split by the routes
          // and tabs that import them, each page loads what it renders (designer/e2e/weight.e2e.ts).
          codeSplitting: {
            groups: [
              // the runtime build only: vuedraggable (UMD, behind Formily's array components) requires
              // 'vue' as CommonJS, which would drag vue.cjs and the template compiler into this chunk
              { name: 'vue', test: /node_modules[\\/](vue[\\/]dist[\\/]vue\.runtime\.esm-bundler|@vue[\\/](runtime-core|runtime-dom|reactivity|shared)[\\/]|vue-router[\\/]|pinia[\\/]|vue-i18n[\\/]|@intlify[\\/])/ },
            ],
          },
        },
      },
    },
  }
}
