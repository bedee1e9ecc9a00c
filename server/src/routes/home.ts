import { defaultDictionaries, dictionaryLabel } from '@sunlight/definition'
import { escapeHtml as h } from '../html'
import type { Deps } from '../deps'
import { listPublished } from '../services/items-store'
import { defineRoute, type RouteSpec } from '../route-table'

const unitZh = (u: string) => (u === 'workdays' ? '个工作日' : '日')

/**
 * The landing page until the designer and hall apps exist: the published catalog (权力清单)
 * rendered on the server, every authored text escaped.
 */
export function homeRoutes(deps: Deps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/',
      summary: 'The published catalog as a page',
      tag: 'catalog',
      access: 'public',
      async handler({ koa: ctx }) {
    const published = (await listPublished(deps)).map((p) => p.definition)
    const rows = published
      .map(
        (d) => `<tr>
  <td>${h(d.item.name)}</td>
  <td>${h(dictionaryLabel(defaultDictionaries.category, d.item.category) ?? d.item.category)}</td>
  <td>${h(d.item.department.name)}</td>
  <td>${d.item.statutoryLimit.value}${unitZh(d.item.statutoryLimit.unit)}</td>
  <td>${d.item.promisedLimit.value}${unitZh(d.item.promisedLimit.unit)}</td>
  <td><a href="/api/catalog/${h(d.key)}">定义 JSON</a></td>
</tr>`,
      )
      .join('\n')
    ctx.type = 'html'
    ctx.body = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>阳光政务 · 行政权力清单</title>
<style>
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2d3d;background:#f5f7fa}
header{background:#c0392b;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.9}
main{padding:24px;max-width:1100px;margin:auto}table{width:100%;border-collapse:collapse;background:#fff}
th,td{border-bottom:1px solid #e4e7ed;padding:10px 12px;text-align:left;font-size:14px}th{background:#fafafa}
.note{color:#606266;font-size:13px}
</style></head>
<body><header><h1>阳光政务 · 行政权力清单</h1><p>让权力在阳光下运行 —— 清单之外无权力</p></header>
<main>
<p class="note">共 ${published.length} 项已经法制审核确认并公布的事项。接口：<a href="/api/catalog">/api/catalog</a> · <a href="/api/health">/api/health</a></p>
<table><thead><tr><th>事项名称</th><th>权力类别</th><th>实施主体</th><th>法定时限</th><th>承诺时限</th><th></th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></body></html>`
      },
    }),
  ]
}
