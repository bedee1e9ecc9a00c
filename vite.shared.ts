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
          advancedChunks: {
            groups: [
              { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|lodash-es|dayjs|@vueuse)/ },
              { name: 'logicflow', test: /node_modules[\\/](@logicflow|mobx|preact|medium-editor)/ },
              { name: 'formily', test: /node_modules[\\/]@formily/ },
              { name: 'vue', test: /node_modules[\\/](vue|@vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/ },
            ],
          },
        },
      },
    },
  }
}
