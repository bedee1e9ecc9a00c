import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import type { Plugin } from 'vite'

type Compile = (source: string, options: { jit: true; minify: true; location: false; onError: (e: Error) => void }) => { ast: unknown }

/** @intlify/message-compiler as vue-i18n itself resolves it (it is not a direct dependency of the app). */
async function messageCompiler(): Promise<Compile> {
  const fromVueI18n = createRequire(createRequire(import.meta.url).resolve('vue-i18n'))
  const fromCore = createRequire(fromVueI18n.resolve('@intlify/core-base'))
  const mod = (await import(pathToFileURL(fromCore.resolve('@intlify/message-compiler')).href)) as { baseCompile: Compile }
  return mod.baseCompile
}

/**
 * Compiles the runtime's UI messages (src/i18n/<locale>*.ts and the supervision module's
 * modules/supervision/i18n/<locale>.ts) to vue-i18n's message ASTs at build
 * time, so the app ships without vue-i18n's message compiler (`__INTLIFY_DROP_MESSAGE_COMPILER__`,
 * set with this plugin in vite.config.ts): the hall's first load is that much smaller. A message
 * that does not compile fails the build. Build only: tests and the dev server use plain strings
 * with the full vue-i18n.
 */
export function precompileMessages(): Plugin {
  let compile: Compile | undefined
  return {
    name: 'sunlight:precompile-messages',
    apply: 'build',
    async transform(code, id) {
      // src/i18n/<locale>.ts and any module's own src/modules/<module>/i18n/<locale>.ts (merged later)
      if (!/[\\/]src[\\/](modules[\\/][^\\/]+[\\/])?i18n[\\/](zh-CN|en-US)(-workbench)?\.ts$/.test(id)) return null
      compile ??= await messageCompiler()
      const run = compile
      // The message files are plain data (an exported object literal, no imports): evaluate the
      // transformed module and write its exports back as JSON of ASTs.
      const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>
      const toAst = (v: unknown, path: string): unknown => {
        if (typeof v === 'string') {
          return run(v, {
            jit: true,
            minify: true,
            location: false,
            onError: (e) => {
              throw new Error(`${id}: message ${path} does not compile: ${e.message}`)
            },
          }).ast
        }
        if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toAst(x, path ? `${path}.${k}` : k)]))
        return v
      }
      const out = Object.entries(mod).map(([name, value]) => `export const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(toAst(value, '')))})`)
      return { code: out.join('\n'), map: null }
    },
  }
}
