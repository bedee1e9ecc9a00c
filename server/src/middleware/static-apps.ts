import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { promisify } from 'node:util'
import { gzip, gzipSync } from 'node:zlib'
import type { Context, Next } from 'koa'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
}

export interface StaticApp {
  /** URL prefix, e.g. '/designer/' or '/'. */
  prefix: string
  /** The app's built `dist` folder. */
  dir: string
  /**
   * Fills in index.html for a client-side route (e.g. the hall's item pages: their heading and
   * data in the HTML); undefined serves the plain index.html.
   */
  page?: (path: string, html: string) => Promise<string | undefined>
}

/** Text types worth compressing; images and fonts (woff2) are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map'])
const MIN_GZIP_BYTES = 1024
const gzipAsync = promisify(gzip)
/** Gzipped bodies by path, size and mtime: the built files never change while the server runs. */
const gzipped = new Map<string, { key: string; body: Buffer }>()

async function gzippedFile(path: string, size: number, mtimeMs: number): Promise<Buffer> {
  const key = `${size}:${mtimeMs}`
  const hit = gzipped.get(path)
  if (hit?.key === key) return hit.body
  const body = await gzipAsync(await readFile(path), { level: 9 })
  gzipped.set(path, { key, body })
  return body
}

/** The build's pre-compressed sibling (`x.js.br`, written by vite.shared.ts), if it is as new as the file. */
async function brotliSibling(path: string, mtimeMs: number): Promise<string | undefined> {
  try {
    const info = await stat(`${path}.br`)
    return info.isFile() && info.mtimeMs >= mtimeMs ? `${path}.br` : undefined
  } catch {
    return undefined
  }
}

async function fileAt(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/**
 * Serves the built single-page apps for GET/HEAD requests outside /api: the file when it exists
 * under the app's folder (paths are normalised and must stay inside it), otherwise the app's
 * index.html (client-side routes). Hashed assets are cached for a year; index.html never.
 * Text files (JS, CSS, HTML…) go brotli-compressed when the build wrote a `.br` beside them and the
 * client accepts br (browsers ask for it over HTTPS only), else gzip-compressed (compressed once,
 * kept in memory): the hall's apply page budget is counted in gzip kB (issue #6). Paths with a
 * dot-segment (`.vite/manifest.json`) are not served. An app's `page` hook may fill in index.html
 * for a client-side route; such a page is compressed per response.
 */
export function staticApps(options: { apps: readonly StaticApp[] }) {
  const apps = [...options.apps].sort((a, b) => b.prefix.length - a.prefix.length)
  return async function staticApps(ctx: Context, next: Next) {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next()
    const app = apps.find((a) => ctx.path === a.prefix.replace(/\/$/, '') || ctx.path.startsWith(a.prefix))
    if (!app) return next()
    let rel: string
    try {
      rel = decodeURIComponent(ctx.path.slice(app.prefix.length))
    } catch {
      return next()
    }
    if (rel.split('/').some((seg) => seg.startsWith('.'))) return next()
    const root = normalize(app.dir + sep)
    const target = normalize(join(root, rel))
    let file = target.startsWith(root) && rel !== '' && (await fileAt(target)) ? target : undefined
    if (!file) {
      if (extname(rel) !== '' && rel.startsWith('assets/')) return next() // a missing asset is a 404, not the page
      file = join(root, 'index.html')
      if (!(await fileAt(file))) return next()
      const filled = app.page ? await app.page(ctx.path, await readFile(file, 'utf8')) : undefined
      if (filled !== undefined) {
        ctx.type = TYPES['.html'] as string
        ctx.set('Cache-Control', 'no-cache')
        ctx.vary('Accept-Encoding')
        if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
          ctx.set('Content-Encoding', 'gzip')
          ctx.body = gzipSync(filled, { level: 6 })
        } else ctx.body = filled
        return
      }
    }
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream'
    ctx.set('Cache-Control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable')
    const info = await stat(file)
    if (COMPRESSIBLE.has(extname(file)) && info.size >= MIN_GZIP_BYTES) {
      ctx.vary('Accept-Encoding')
      const br = ctx.acceptsEncodings('br') === 'br' ? await brotliSibling(file, info.mtimeMs) : undefined
      if (br) {
        ctx.set('Content-Encoding', 'br')
        ctx.body = createReadStream(br)
        return
      }
      if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
        ctx.set('Content-Encoding', 'gzip')
        ctx.body = await gzippedFile(file, info.size, info.mtimeMs)
        return
      }
    }
    ctx.body = createReadStream(file)
  }
}
