import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const serverDir = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Bundles an entry (default src/main.ts) into one ES module under server/dist/: the server's own
 * code and the workspace packages are bundled, npm dependencies stay external (resolved from
 * server/node_modules). `node server/dist/main.mjs` starts without transpiling TypeScript, which
 * is what production runs and what the crash test restarts (it must serve again within 2 s).
 */
export async function buildServer(entry = 'src/main.ts', outName = 'main.mjs'): Promise<string> {
  const out = join(serverDir, 'dist', outName)
  const result = await build({
    entryPoints: [join(serverDir, entry)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [
      {
        name: 'external-npm',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@sunlight/') ? undefined : { path: a.path, external: true }))
        },
      },
      {
        // Each module keeps its own import.meta.url (the font folder, the repository root), as if run from source.
        name: 'module-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, (a) => {
            const source = readFileSync(a.path, 'utf8')
            if (!source.includes('import.meta.url')) return undefined
            return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href)), loader: 'ts' }
          })
        },
      },
    ],
  })
  const file = result.outputFiles[0]
  if (!file) throw new Error('esbuild produced no output')
  // Written beside and renamed: a process starting meanwhile never loads half a file.
  mkdirSync(dirname(out), { recursive: true })
  const tmp = `${out}.${process.pid}.tmp`
  writeFileSync(tmp, file.contents)
  renameSync(tmp, out)
  return out
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entries = process.argv.slice(2)
  for (const e of entries.length ? entries : ['src/main.ts']) {
    const name = e.replace(/^src\//, '').replace(/\.ts$/, '.mjs').replace(/\//g, '-')
    process.stdout.write(`${await buildServer(e, name)}\n`)
  }
}
