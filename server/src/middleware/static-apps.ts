import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
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
    const root = normalize(app.dir + sep)
    const target = normalize(join(root, rel))
    let file = target.startsWith(root) && rel !== '' && (await fileAt(target)) ? target : undefined
    if (!file) {
      if (extname(rel) !== '' && rel.startsWith('assets/')) return next() // a missing asset is a 404, not the page
      file = join(root, 'index.html')
      if (!(await fileAt(file))) return next()
    }
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream'
    ctx.set('Cache-Control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable')
    ctx.body = createReadStream(file)
  }
}
