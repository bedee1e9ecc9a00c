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
          // Element Plus is NOT one group: each route chunk takes only the components it renders
          // (one group would put every component any page uses into the first page's download).
          codeSplitting: {
            // a group holds only the modules it names; what they import stays where it is shared
            includeDependenciesRecursively: false,
            groups: [
              { name: 'logicflow', test: /node_modules[\\/](@logicflow|mobx|preact|medium-editor)/ },
              { name: 'formily', test: /node_modules[\\/]@formily/ },
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
