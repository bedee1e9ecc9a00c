import vue from '@vitejs/plugin-vue'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants } from 'node:zlib'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import type { Plugin, UserConfig } from 'vite'

/**
 * Writes a brotli copy (`x.js.br`, quality 11) beside every text file of 1 kB or more the build
 * emits; the server sends it to browsers that accept br (over HTTPS), gzip otherwise.
 */
export function precompressBrotli(): Plugin {
  return {
    name: 'sunlight:precompress-brotli',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist'
      for (const [fileName, out] of Object.entries(bundle)) {
        if (!/\.(js|mjs|css|html|svg|json)$/.test(fileName)) continue
        const body = Buffer.from(out.type === 'chunk' ? out.code : out.source)
        if (body.length < 1024) continue
        writeFileSync(join(dir, `${fileName}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }))
      }
    },
  }
}

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
      precompressBrotli(),
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
