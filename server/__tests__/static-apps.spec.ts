import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, get as httpGet, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { staticApps } from '../src/middleware/static-apps'

let server: Server
let url: string
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'sunlight-static-'))
  for (const app of ['hall', 'designer']) {
    mkdirSync(join(root, app, 'assets'), { recursive: true })
    writeFileSync(join(root, app, 'index.html'), `<html>${app}</html>`)
    writeFileSync(join(root, app, 'assets', 'app-abc123.js'), `console.log('${app}')`)
  }
  writeFileSync(join(root, 'hall', 'assets', 'big-def456.js'), `export const list = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `事项${i}`))}\n`)
  writeFileSync(join(root, 'hall', 'assets', 'logo-1.png'), Buffer.alloc(4096, 1))
  const brotli = `export const list = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `材料${i}`))}\n`
  writeFileSync(join(root, 'hall', 'assets', 'pre-789.js'), brotli)
  writeFileSync(join(root, 'hall', 'assets', 'pre-789.js.br'), brotliCompressSync(Buffer.from(brotli)))
  mkdirSync(join(root, 'hall', '.vite'))
  writeFileSync(join(root, 'hall', '.vite', 'manifest.json'), '{"index.html":{"file":"assets/app-abc123.js"}}')
  writeFileSync(join(root, 'secret.txt'), 'do not serve')
  const app = new Koa()
  app.use(staticApps({ apps: [{ prefix: '/designer/', dir: join(root, 'designer') }, { prefix: '/', dir: join(root, 'hall'), page: async (path, html) => (path === '/apply/filled' ? html.replace('hall', () => 'hall: filled') : undefined) }] }))
  app.use((ctx) => {
    ctx.status = 404
    ctx.body = 'api or missing'
  })
  server = createServer(app.callback())
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

/** A GET that leaves the body as sent (fetch would decompress it). */
function rawGet(path: string, acceptEncoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(`${url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
    }).on('error', reject)
  })
}

describe('server/static-apps', () => {
  it('should serve each app under its prefix with the right type and caching', async () => {
    const js = await fetch(`${url}/designer/assets/app-abc123.js`)
    expect(await js.text()).toBe("console.log('designer')")
    expect(js.headers.get('content-type')).toContain('text/javascript')
    expect(js.headers.get('cache-control')).toContain('immutable')
  })

  it('should send text assets gzip-compressed to a client that accepts gzip', async () => {
    const plain = await (await fetch(`${url}/assets/big-def456.js`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()
    const r = await rawGet('/assets/big-def456.js', 'gzip, deflate, br')
    expect(r.headers['content-encoding']).toBe('gzip')
    expect(r.headers.vary).toContain('Accept-Encoding')
    expect(r.body.length).toBeLessThan(plain.byteLength / 3)
    expect(gunzipSync(r.body).equals(Buffer.from(plain))).toBe(true)
  })

  it('should send the file as is without gzip in Accept-Encoding, and never compress images', async () => {
    const js = await rawGet('/assets/big-def456.js', 'identity')
    expect(js.headers['content-encoding']).toBeUndefined()
    expect(js.body.toString('utf8')).toContain('事项399')
    const png = await rawGet('/assets/logo-1.png', 'gzip')
    expect(png.headers['content-encoding']).toBeUndefined()
    expect(png.body.length).toBe(4096)
  })

  it('should answer client-side routes with the app page', async () => {
    expect(await (await fetch(`${url}/workbench/cases/123`)).text()).toBe('<html>hall</html>')
    expect(await (await fetch(`${url}/designer/items/abc`)).text()).toBe('<html>designer</html>')
  })

  it("should send the build's brotli copy to a client that accepts br, gzip to one that does not", async () => {
    const br = await rawGet('/assets/pre-789.js', 'gzip, deflate, br')
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.body).toString('utf8')).toContain('材料399')
    const gz = await rawGet('/assets/pre-789.js', 'gzip, deflate')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString('utf8')).toContain('材料399')
  })

  it("should answer a route the app's page hook fills with the filled page, uncached", async () => {
    const filled = await fetch(`${url}/apply/filled`)
    expect(await filled.text()).toBe('<html>hall: filled</html>')
    expect(filled.headers.get('cache-control')).toBe('no-cache')
    expect(await (await fetch(`${url}/apply/other`)).text()).toBe('<html>hall</html>')
  })

  it('should not serve the build manifest or any dot-path', async () => {
    const r = await fetch(`${url}/.vite/manifest.json`)
    expect(r.status).toBe(404)
    expect(await r.text()).not.toContain('app-abc123')
  })

  it('should never leave the app folder', async () => {
    for (const p of ['/..%2fsecret.txt', '/designer/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const text = await (await fetch(url + p)).text()
      expect(text).not.toContain('do not serve')
    }
  })

  it('should leave /api and missing assets to the rest of the app', async () => {
    expect((await fetch(`${url}/api/health`)).status).toBe(404)
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404)
  })
})
