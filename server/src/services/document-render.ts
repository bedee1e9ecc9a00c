import type { Calendar } from '@sunlight/calendar'
import { collectFormFields, defaultDictionaries, dictionaryLabel, type PowerItemDefinition } from '@sunlight/definition'
import { caseFactsOf, type CaseEvent, type CaseState } from '@sunlight/engine'
import { escapeHtml as h } from '../html'

type DocumentTemplate = PowerItemDefinition['documents'][number]

/**
 * What an issued document says, frozen at issue: the HTML is rendered from it at issue and the PDF
 * from it right after (or later, identically). Every string is plain text.
 */
export interface DocumentContent {
  title: string
  docNo: string
  paragraphs: { text: string; addressee?: boolean }[]
  department: string
  date: string
}

/** What a placeholder may read: `{{form.x}}`, `{{case.x}}`, `{{item.x}}` (`{{doc.x}}` comes at issue). */
export interface DocumentFacts {
  form: Record<string, unknown>
  case: Record<string, unknown>
  item: Record<string, unknown>
}

/** A missing or unknown value prints as a blank line to fill in by hand. */
export const BLANK = '____'

const hasOwn = (o: unknown, k: string): boolean => typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, k)

/** 文号: {dept}, {year}, {seq} and {seq:N} (zero-padded to N digits); any other text is kept as written. */
export function formatDocNo(pattern: string, v: { dept: string; year: number; seq: number }): string {
  return pattern.replace(/\{(dept|year|seq)(?::(\d{1,2}))?\}/g, (_m, name: string, width?: string) => {
    if (name === 'dept') return v.dept
    if (name === 'year') return String(v.year)
    return width ? String(v.seq).padStart(Number(width), '0') : String(v.seq)
  })
}

/** 2026-03-02 → 2026年3月2日; 2026-03-02 09:05:00 → 2026年3月2日 09:05 (GB/T 9704: Arabic numerals). */
export function chineseDate(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::\d{2})?)?$/.exec(s)
  if (!m) return s
  const day = `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
  return m[4] ? `${day} ${m[4]}:${m[5]}` : day
}

/**
 * Text that is safe to lay out: CR/LF normalised, tabs to spaces, other control characters and
 * unpaired surrogates removed. (HTML escaping happens later, when HTML is written.)
 */
export function cleanText(s: string): string {
  return s
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/\p{Cc}|\ufeff/gu, (c) => (c === '\n' ? c : ''))
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
}

type SchemaNode = Record<string, unknown>

/** The JSON Schema node of each form field, by Formily path (for enum labels). */
function formFieldSchemas(def: PowerItemDefinition): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>()
  for (const f of collectFormFields(def.form)) {
    let node: unknown = { form: def.form }
    for (const raw of f.pointer.split('/').slice(1)) {
      const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~')
      node = hasOwn(node, seg) ? (node as SchemaNode)[seg] : undefined
    }
    if (node && typeof node === 'object') out.set(f.path, node as SchemaNode)
  }
  return out
}

function enumLabel(schema: SchemaNode | undefined, v: unknown): string | undefined {
  const list = schema?.enum
  if (!Array.isArray(list)) return undefined
  for (const e of list) if (hasOwn(e, 'value') && (e as { value: unknown }).value === v && typeof (e as { label?: unknown }).label === 'string') return (e as { label: string }).label
  return undefined
}

/** A value as document text, or undefined when there is nothing to print. */
function valueText(v: unknown, schema?: SchemaNode): string | undefined {
  if (v === undefined || v === null) return undefined
  const label = enumLabel(schema, v)
  if (label !== undefined) return label
  if (typeof v === 'string') return v.trim() === '' ? undefined : chineseDate(v)
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (Array.isArray(v)) {
    const items = v.map((x) => valueText(x, (schema?.items as SchemaNode | undefined) ?? undefined)).filter((x): x is string => x !== undefined)
    return items.length ? items.join('、') : undefined
  }
  if (typeof v === 'object') {
    const parts = Object.values(v as Record<string, unknown>).map((x) => valueText(x)).filter((x): x is string => x !== undefined)
    return parts.length ? parts.join('，') : undefined
  }
  return undefined
}

const limitText = (l: { value: number; unit: string }) => `${l.value}${l.unit === 'workdays' ? '个工作日' : '日'}`

/** `{{item.x}}` facts (definition/src/facts.ts itemFacts). */
export function itemFactsOf(def: PowerItemDefinition): Record<string, unknown> {
  const i = def.item
  return {
    name: i.name,
    category: i.category,
    categoryName: dictionaryLabel(defaultDictionaries.category, i.category),
    basicCode: i.basicCode,
    implCode: i.implCode,
    department: i.department.name,
    handlingUnit: i.handlingUnit?.name,
    legalBasis: i.legalBasis.map((b) => `《${b.law.replace(/^《|》$/g, '')}》${b.article ?? ''}`).join('、'),
    statutoryLimit: limitText(i.statutoryLimit),
    promisedLimit: limitText(i.promisedLimit),
    consultationPhone: i.consultationPhone,
    supervisionPhone: i.supervisionPhone,
  }
}

/**
 * The case facts for a document: the engine's `case.*` facts now, overlaid with those of the act the
 * document records (who acted, the opinion or reason, the 补正 list, the extension) so a document
 * issued later still says what was decided then.
 */
export function documentFactsOf(def: PowerItemDefinition, state: CaseState, event: CaseEvent, now: number, cal: Calendar): DocumentFacts {
  const c: Record<string, unknown> = { ...caseFactsOf(def, state, now, cal) }
  c.actorName = event.actor.name
  c.opinion = event.opinion
  c.reason = event.reason
  const d = event.data
  if (event.type === 'case:supplementRequested' && Array.isArray(d.items))
    c.supplementList = (d.items as { description?: unknown }[]).map((x, n) => `${n + 1}. ${String(x.description ?? '')}`).join('\n')
  if (event.type === 'case:extended' && typeof d.value === 'number') c.extensionDays = d.value
  if (event.type === 'case:specialProcedureStarted' && typeof d.procedure === 'string') c.specialProcedure = d.procedure
  if (hasOwn(d, 'fee')) c.fee = valueText((d.fee as { amount?: unknown }).amount)
  return { form: state.form, case: c, item: itemFactsOf(def) }
}

const SIGNATURE_LINE = /^\s*\{\{\s*(item\.department|doc\.date)\s*\}\}\s*$/

/**
 * Substitutes the placeholders AS TEXT in one pass (a value is never scanned for placeholders
 * again, never executed), then splits paragraphs on newlines. Trailing `{{item.department}}` /
 * `{{doc.date}}` lines of the template become the signature block at the bottom right.
 */
export function renderContent(def: PowerItemDefinition, template: DocumentTemplate, facts: DocumentFacts, doc: { docNo: string; date: string }): DocumentContent {
  const schemas = formFieldSchemas(def)
  const lines = cleanText(template.body).split('\n')
  while (lines.length && (lines[lines.length - 1]?.trim() === '' || SIGNATURE_LINE.test(lines[lines.length - 1] ?? ''))) lines.pop()
  const lookup = (ref: string): string | undefined => {
    const [root, ...rest] = ref.split('.')
    const name = rest.join('.')
    if (root === 'doc') return name === 'number' ? doc.docNo : name === 'date' ? doc.date : name === 'title' ? template.title : undefined
    if (root === 'form') {
      let v: unknown = facts.form
      for (const seg of rest) v = hasOwn(v, seg) ? (v as Record<string, unknown>)[seg] : undefined
      return valueText(v, schemas.get(name))
    }
    if (root === 'case' || root === 'item') return hasOwn(facts[root], name) ? valueText(facts[root][name]) : undefined
    return undefined
  }
  const body = lines.join('\n').replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_m, ref: string) => {
    const v = lookup(ref)
    return v === undefined ? BLANK : cleanText(v)
  })
  const paragraphs = body
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((text, i) => (i === 0 && /[：:]$/.test(text) ? { text, addressee: true } : { text }))
  return { title: cleanText(template.title), docNo: doc.docNo, paragraphs, department: cleanText(def.item.department.name), date: doc.date }
}

const CSS = `@page{size:A4;margin:37mm 26mm 35mm 28mm}
html{background:#e9ecef}
body{margin:0;color:#000;font-family:"FangSong","仿宋","STFangsong","Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC",serif}
.page{box-sizing:border-box;width:210mm;min-height:297mm;margin:10mm auto;padding:37mm 26mm 35mm 28mm;background:#fff;box-shadow:0 1px 6px rgba(0,0,0,.25)}
h1{font-family:"Noto Sans CJK SC","Source Han Sans SC","SimHei","黑体","Microsoft YaHei",sans-serif;font-size:22pt;font-weight:bold;text-align:center;letter-spacing:.05em;margin:0 0 6mm}
.doc-no{text-align:right;text-indent:0;margin:0 0 8mm}
p,.sign{font-size:16pt;line-height:1.75}
p{margin:0;text-indent:2em;text-align:justify;overflow-wrap:anywhere}
p.addressee{text-indent:0}
.sign{margin-top:14mm;text-align:right}
.superseded{border:2px solid #c0392b;color:#c0392b;padding:2mm 4mm;margin:0 0 6mm;font-size:12pt;text-indent:0}
@media print{html{background:none}.page{width:auto;min-height:0;margin:0;padding:0;box-shadow:none}}`

/** A printable A4 page: title centred, number right-aligned, body, department and date bottom right. No script. */
export function renderHtml(c: DocumentContent): string {
  const paras = c.paragraphs.map((p) => `<p${p.addressee ? ' class="addressee"' : ''}>${h(p.text)}</p>`).join('\n')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(c.title)} ${h(c.docNo)}</title>
<style>${CSS}</style></head>
<body><main class="page">
<h1>${h(c.title)}</h1>
<p class="doc-no">${h(c.docNo)}</p>
${paras}
<div class="sign"><div>${h(c.department)}</div><div>${h(c.date)}</div></div>
</main></body></html>
`
}

/** The stored page with a notice on top (a superseded document is served with one; the stored HTML is unchanged). */
export function withBanner(html: string, text: string): string {
  return html.replace('<main class="page">\n', `<main class="page">\n<p class="superseded">${h(text)}</p>\n`)
}
