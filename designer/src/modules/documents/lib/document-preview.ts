import { collectFormFields, dictionaryLabel, defaultDictionaries, type PowerItemDefinition } from '@sunlight/definition'

/** A piece of a rendered document: text, and whether it came from a placeholder (to highlight it). */
export interface Segment {
  text: string
  placeholder?: string
  missing?: boolean
}

export interface DocumentFacts {
  form: Record<string, unknown>
  case: Record<string, unknown>
  item: Record<string, unknown>
  doc: Record<string, unknown>
}

export const BLANK = '____'

const own = (o: unknown, k: string) => typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, k)

/**
 * The body of a document template with its `{{form.x}}` / `{{case.x}}` / `{{item.x}}` /
 * `{{doc.x}}` placeholders replaced by sample values — as text segments, never as HTML, exactly as
 * the server substitutes them at issue. An unknown or empty value becomes a blank to fill in.
 */
export function renderBody(body: string, facts: DocumentFacts, labels: (placeholder: string, value: unknown) => string = (_p, v) => String(v)): Segment[] {
  const out: Segment[] = []
  let last = 0
  for (const m of body.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)) {
    if (m.index! > last) out.push({ text: body.slice(last, m.index) })
    const ph = m[1] as string
    const [root, ...rest] = ph.split('.')
    const bag = (facts as unknown as Record<string, Record<string, unknown>>)[root ?? '']
    const key = rest.join('.')
    const value = bag && own(bag, key) ? bag[key] : undefined
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
    out.push({ text: empty ? BLANK : labels(ph, value), placeholder: ph, missing: empty })
    last = m.index! + m[0].length
  }
  if (last < body.length) out.push({ text: body.slice(last) })
  return out
}

/** 文号: {dept}, {year}, {seq}, {seq:N}. */
export function formatDocNo(pattern: string, v: { dept: string; year: number; seq: number }): string {
  return pattern.replace(/\{(dept|year|seq)(?::(\d{1,2}))?\}/g, (_m, name: string, width?: string) =>
    name === 'dept' ? v.dept : name === 'year' ? String(v.year) : width ? String(v.seq).padStart(Number(width), '0') : String(v.seq),
  )
}

/** Sample facts for the preview: the sample form, a sample case, the item's own facts. */
export function sampleFacts(def: PowerItemDefinition, form: Record<string, unknown>, docNo: string): DocumentFacts {
  const it = def.item
  const limit = (l: { value: number; unit: string }) => `${l.value}${l.unit === 'workdays' ? '个工作日' : '日'}`
  return {
    form,
    case: {
      caseNo: 'SC20260302000001',
      queryCode: '482913',
      applicantName: typeof form.applicantName === 'string' ? form.applicantName : '张三',
      channel: '网上申请',
      receivedDate: '2026年3月2日',
      acceptedDate: '2026年3月2日',
      promisedDeadline: '2026年3月30日',
      statutoryDeadline: '2026年4月13日',
      today: '2026年3月2日',
      stepName: def.flow.nodes.find((n) => n.type === 'step')?.name ?? '',
      actorName: '李承办',
      opinion: '材料齐全，符合法定形式',
      reason: '申请材料不齐全',
      supplementList: '1. 拟设立地点的规划意见（复印件 1 份）',
      resultName: '准予',
    },
    item: {
      name: it.name,
      category: it.category,
      categoryName: dictionaryLabel(defaultDictionaries.category, it.category) ?? it.category,
      basicCode: it.basicCode,
      implCode: it.implCode,
      department: it.department.name,
      handlingUnit: it.handlingUnit?.name ?? it.department.name,
      legalBasis: it.legalBasis.map((b) => `《${b.law}》${b.article ?? ''}`).join('、'),
      statutoryLimit: limit(it.statutoryLimit),
      promisedLimit: limit(it.promisedLimit),
      consultationPhone: it.consultationPhone ?? '',
      supervisionPhone: it.supervisionPhone ?? '',
    },
    doc: { number: docNo, date: '2026年3月2日', title: '' },
  }
}

/** Option labels for enum fields (`temple` → 寺观教堂), so previews read like the issued document. */
export function enumLabeller(def: PowerItemDefinition): (placeholder: string, value: unknown) => string {
  const labels = new Map<string, Map<unknown, string>>()
  for (const f of collectFormFields(def.form)) {
    let node: unknown = { form: def.form }
    for (const seg of f.pointer.split('/').slice(1)) node = own(node, seg) ? (node as Record<string, unknown>)[seg] : undefined
    const list = (node as { enum?: unknown[] } | undefined)?.enum
    if (Array.isArray(list)) labels.set(`form.${f.path}`, new Map(list.filter((e) => own(e, 'value')).map((e) => [(e as { value: unknown }).value, String((e as { label?: unknown }).label ?? '')])))
  }
  return (ph, v) => labels.get(ph)?.get(v) ?? (typeof v === 'boolean' ? (v ? '是' : '否') : Array.isArray(v) ? v.join('、') : String(v))
}

/**
 * The body of the server's draft PDF preview (POST …/draft/documents/:id/preview): the same sample
 * form and case facts as the live preview, so the PDF reads like the page. Case facts the route
 * does not take (not a string or number, or a name it refuses) are left out.
 */
export function pdfPreviewBody(facts: DocumentFacts): { form: Record<string, unknown>; case: Record<string, string | number> } {
  const caseFacts: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(facts.case)) if (/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(k) && (typeof v === 'string' || typeof v === 'number')) caseFacts[k] = v
  return { form: facts.form, case: caseFacts }
}
