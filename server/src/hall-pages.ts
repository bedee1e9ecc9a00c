import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Deps } from './deps'
import { escapeHtml } from './html'
import { publicEntry, type PublicEntry } from './services/public-catalog'

/**
 * The hall's item pages (`/apply/:key`, `/items/:key`) as the server sends them: the runtime's
 * index.html with the item's heading already in it, its public data inline, and the page's chunks
 * preloaded. A visitor on a slow phone sees the item's name and department as soon as the HTML
 * arrives (no script needed); the Vue app then mounts over the same markup with the same data,
 * without a second request for the item.
 *
 * The markup mirrors runtime/src/components/hall-layout.vue and the header cards of apply-view.vue
 * and item-guide-view.vue in Chinese, the hall's default language (a visitor who chose English
 * sees Chinese until the app mounts). Every authored text goes through escapeHtml; the inline
 * JSON cannot end its script element (`<`, `>`, `&`, U+2028/2029 are escaped as \u sequences).
 */

/** UI texts of the shell: the zh-CN messages of the runtime (a test keeps them equal). */
export const SHELL_TEXTS = {
  app: { name: '阳光政务', hall: '网上政务大厅', skip: '跳到主要内容', language: 'English', slogan: '让权力在阳光下运行' },
  nav: { home: '首页', track: '办件查询', consult: '咨询', complain: '投诉', transparency: '公开透明', workbench: '工作台', menu: '主导航' },
  item: { guide: '办事指南', apply: '在线申请', consult: '我要咨询', complain: '我要投诉' },
  apply: { title: '在线申请' },
} as const

const KEY = /^[a-z0-9][a-z0-9-]{1,79}$/
const PAGES: Record<string, { chunk: string; header: (e: PublicEntry) => string }> = {
  apply: { chunk: 'src/modules/hall/views/apply-view.vue', header: applyHeader },
  items: { chunk: 'src/modules/hall/views/item-guide-view.vue', header: guideHeader },
}

/** The element id of the inline page data the runtime reads (runtime/src/lib/page-data.ts). */
export const PAGE_DATA_ID = 'sl-page-data'

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  css?: string[]
}

/** The Vite manifest of the built runtime (dist/.vite/manifest.json), or none. */
function readManifest(dir: string): Record<string, ManifestChunk> {
  try {
    return JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>
  } catch {
    return {}
  }
}

/** A chunk's file and its static imports' files, depth first, each once; the entry (the page loads it anyway) is left out. */
function chunkFiles(manifest: Record<string, ManifestChunk>, name: string): { js: string[]; css: string[] } {
  const js: string[] = []
  const css: string[] = []
  const seen = new Set<string>()
  const walk = (n: string) => {
    const c = manifest[n]
    if (!c || c.isEntry || seen.has(n)) return
    seen.add(n)
    js.push(c.file)
    for (const f of c.css ?? []) if (!css.includes(f)) css.push(f)
    for (const i of c.imports ?? []) walk(i)
  }
  walk(name)
  return { js, css }
}

/** JSON safe inside a `<script type="application/json">` element. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function applyHeader(e: PublicEntry): string {
  const key = escapeHtml(e.key)
  return `<form class="apply" novalidate><header class="card"><p class="muted">${SHELL_TEXTS.apply.title}</p><h1>${escapeHtml(e.item.name)}</h1><p class="muted">${escapeHtml(e.item.department.name)} · <a href="/items/${key}">${SHELL_TEXTS.item.guide}</a></p></header></form>`
}

function guideHeader(e: PublicEntry): string {
  const key = encodeURIComponent(e.key)
  return `<article><header class="card"><p class="muted">${SHELL_TEXTS.item.guide}</p><h1>${escapeHtml(e.item.name)}</h1><div class="row"><a href="/apply/${key}" class="btn btn--primary">${SHELL_TEXTS.item.apply}</a><a href="/consult?item=${key}" class="btn">${SHELL_TEXTS.item.consult}</a><a href="/complain?item=${key}" class="btn">${SHELL_TEXTS.item.complain}</a></div></header></article>`
}

function hallShell(main: string): string {
  const t = SHELL_TEXTS
  const links = (['home', 'track', 'consult', 'complain', 'transparency'] as const).map((k) => `<a href="${k === 'home' ? '/' : `/${k}`}" class="hall-nav__link">${t.nav[k]}</a>`).join('')
  return (
    `<a class="skip-link" href="#main">${t.app.skip}</a>` +
    `<header class="hall-header"><div class="hall-header__bar"><a href="/" class="brand"><span class="brand__name">${t.app.name}</span><span class="brand__sub">${t.app.hall}</span></a><button type="button" class="locale-switch" lang="en">${t.app.language}</button></div>` +
    `<nav class="hall-nav" aria-label="${t.nav.menu}">${links}<a href="/workbench" class="hall-nav__link hall-nav__link--staff">${t.nav.workbench}</a></nav></header>` +
    `<main id="main" class="hall-main" tabindex="-1">${main}</main>` +
    `<footer class="hall-footer"><p>${t.app.slogan} · ${t.app.hall}</p></footer>`
  )
}

/**
 * The page filler for the runtime app (StaticApp.page): the filled index.html for an item page of
 * a published item, otherwise undefined (the plain index.html is served and the app handles it).
 */
export function hallPages(deps: Deps, options: { dir: string }) {
  const manifest = readManifest(options.dir)
  return async function hallPage(path: string, html: string): Promise<string | undefined> {
    const m = /^\/(apply|items)\/([^/]+)$/.exec(path)
    const page = m ? PAGES[m[1] as string] : undefined
    const key = m?.[2] ?? ''
    if (!page || !KEY.test(key)) return undefined
    let entry: PublicEntry
    try {
      entry = await publicEntry(deps, key)
    } catch {
      return undefined // not published: the app shows its own message
    }
    const { js, css } = chunkFiles(manifest, page.chunk)
    const head = [
      `<title>${escapeHtml(entry.item.name)} · ${SHELL_TEXTS.app.name}</title>`,
      `<meta name="description" content="${escapeHtml(`${entry.item.department.name}：${entry.item.name}（${m?.[1] === 'apply' ? SHELL_TEXTS.item.apply : SHELL_TEXTS.item.guide}）`)}" />`,
      ...js.map((f) => `<link rel="modulepreload" crossorigin href="/${escapeHtml(f)}">`),
      ...css.map((f) => `<link rel="preload" as="style" crossorigin href="/${escapeHtml(f)}">`),
    ].join('')
    const data = `<script type="application/json" id="${PAGE_DATA_ID}">${inlineJson({ entry })}</script>`
    const body = `<div id="app">${hallShell(page.header(entry))}</div>${data}`
    // Function replacements: authored text must never be read as a `$&`-style pattern.
    return html
      .replace(/<title>[^<]*<\/title>/, () => '')
      .replace(/<meta name="description"[^>]*>/, () => '')
      .replace('</head>', () => `${head}</head>`)
      .replace('<div id="app"></div>', () => body)
  }
}
