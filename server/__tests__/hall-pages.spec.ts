import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { zhCN } from '../../runtime/src/i18n/zh-CN'
import { hallPages, inlineJson, PAGE_DATA_ID, SHELL_TEXTS } from '../src/hall-pages'
import { startServer, type TestServer } from './harness'

const KEY = 'religious-venue-preparation'
const INDEX = '<!doctype html><html><head><title>阳光政务 · 网上政务大厅</title><meta name="description" content="网上政务大厅" /><script type="module" src="/assets/index-1.js"></script></head><body><div id="app"></div></body></html>'
let t: TestServer
let page: ReturnType<typeof hallPages>

beforeAll(async () => {
  t = await startServer()
  const dist = mkdtempSync(join(tmpdir(), 'sunlight-hall-pages-'))
  mkdirSync(join(dist, '.vite'))
  const manifest = {
    'index.html': { file: 'assets/index-1.js', isEntry: true, css: ['assets/index-1.css'] },
    'src/modules/hall/views/apply-view.vue': { file: 'assets/apply-view-2.js', imports: ['index.html', '_hall-form-3.js'], css: ['assets/apply-view-2.css'] },
    '_hall-form-3.js': { file: 'assets/hall-form-3.js', imports: ['index.html'], css: ['assets/hall-form-3.css'] },
  }
  writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest))
  page = hallPages(t.deps, { dir: dist })
})
afterAll(() => t.close())

/** The inline page data of a filled page, parsed as the runtime does. */
function inlineData(html: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${PAGE_DATA_ID}">([^<]*)</script>`).exec(html)
  return m ? JSON.parse(m[1] as string) : undefined
}

describe('server/hall-pages', () => {
  it("should put the item's name and department in the apply page's HTML, under its own title", async () => {
    const html = (await page(`/apply/${KEY}`, INDEX)) as string
    expect(html).toContain('<h1>宗教活动场所筹备设立审批</h1>')
    expect(html).toContain('<title>宗教活动场所筹备设立审批 · 阳光政务</title>')
    expect(html.match(/<title>/g)).toHaveLength(1)
    expect(html).toMatch(/<p class="muted">[^<]*宗教事务委员会 · <a href="\/items\/religious-venue-preparation">办事指南<\/a><\/p>/)
  })

  it('should carry the same entry GET /api/catalog/:key answers', async () => {
    const html = (await page(`/apply/${KEY}`, INDEX)) as string
    const api = await t.anonymous().get(`/api/catalog/${KEY}`)
    expect(inlineData(html)).toEqual({ entry: api.body })
  })

  it("should preload the page's chunks and their stylesheets, not the entry's", async () => {
    const html = (await page(`/apply/${KEY}`, INDEX)) as string
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/apply-view-2.js">')
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/hall-form-3.js">')
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/assets/hall-form-3.css">')
    expect(html).not.toContain('rel="modulepreload" crossorigin href="/assets/index-1.js"')
  })

  it("should fill the guide page with the item's heading and its apply link", async () => {
    const html = (await page(`/items/${KEY}`, INDEX)) as string
    expect(html).toContain('<h1>宗教活动场所筹备设立审批</h1>')
    expect(html).toContain(`<a href="/apply/${KEY}" class="btn btn--primary">在线申请</a>`)
  })

  it('should leave other paths, unknown items and malformed keys to the plain page', async () => {
    expect(await page('/', INDEX)).toBeUndefined()
    expect(await page('/track', INDEX)).toBeUndefined()
    expect(await page('/apply/no-such-item', INDEX)).toBeUndefined()
    expect(await page('/apply/<script>', INDEX)).toBeUndefined()
    expect(await page(`/apply/${KEY}/extra`, INDEX)).toBeUndefined()
  })

  it('should write JSON that cannot close its script element or break a line in script', () => {
    const out = inlineJson({ name: '</script><script>alert(1)</script>&\u2028\u2029' })
    expect(out).not.toMatch(/[<>&\u2028\u2029]/)
    expect(JSON.parse(out)).toEqual({ name: '</script><script>alert(1)</script>&\u2028\u2029' })
  })

  it("should use the runtime's Chinese texts in the shell", () => {
    expect(SHELL_TEXTS.app).toEqual({ name: zhCN.app.name, hall: zhCN.app.hall, skip: zhCN.app.skip, language: zhCN.app.language, slogan: zhCN.app.slogan })
    expect(SHELL_TEXTS.nav).toEqual(zhCN.nav)
    expect(SHELL_TEXTS.item).toEqual({ guide: zhCN.item.guide, apply: zhCN.item.apply, consult: zhCN.item.consult, complain: zhCN.item.complain })
    expect(SHELL_TEXTS.apply.title).toBe(zhCN.apply.title)
  })
})
