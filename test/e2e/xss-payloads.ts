/**
 * Hostile administrator-authored text for the injection sweep (issue #8 item 5): every string a
 * designer can write into a definition — labels, descriptions, help texts, options, step names,
 * documents, the item guide — gets an XSS payload appended, and the linkage, gateway and
 * monitoring expressions carry payloads inside string literals (valid expressions, so the item can
 * be published). `injectExpressions` adds the expressions the safe language refuses
 * (constructor/this access): they can be saved in a draft but never published.
 *
 * Every payload, if it ever ran, sets `window.__xss`.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Obj = { [k: string]: Json }

export const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '<script>window.__xss=1</script>',
  '"><svg onload=window.__xss=1>',
  "{{constructor.constructor('window.__xss=1')()}}",
  '<a href="javascript:window.__xss=1">链接</a>',
  "'-alert(window.__xss=1)-'",
] as const

/** A URL that runs script if a page ever makes it a link or navigates to it. */
export const JS_URL = 'javascript:window.__xss=1'

let n = 0
const payload = (): string => PAYLOADS[n++ % PAYLOADS.length] as string
/** The original text with a payload appended, cut to the field's maximum length. */
const taint = (s: string, max = 200): string => `${s.slice(0, Math.max(0, max - 60))}${payload()}`.slice(0, max)

/** Keys whose string values are free text shown to people (never ids, codes or dictionary values). */
const TEXT: Record<string, number> = {
  name: 100,
  title: 200,
  description: 500,
  label: 100,
  publicName: 100,
  duty: 200,
  content: 1000,
  accountability: 1000,
  basis: 500,
  notes: 1000,
  note: 500,
  issuer: 200,
  question: 500,
  answer: 1000,
  law: 200,
  article: 100,
  text: 1000,
  address: 300,
  hours: 300,
  message: 1000,
  responsibleRole: 100,
  standard: 500,
  item: 200,
  acceptanceConditions: 2000,
  consultationPhone: 100,
  supervisionPhone: 100,
}

function walk(node: Json, parentKey: string): Json {
  if (Array.isArray(node)) {
    if (parentKey === 'measures') return node.map((m) => (typeof m === 'string' ? taint(m, 200) : m))
    return node.map((x) => walk(x, parentKey))
  }
  if (node === null || typeof node !== 'object') return node
  const out: Obj = {}
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === 'string' && k in TEXT && !(parentKey === 'department' && k === 'name')) out[k] = taint(v, TEXT[k])
    else out[k] = walk(v, k)
  }
  return out
}

/** Every form field: payloads in its title (via walk), description, tooltip, placeholder and options. */
function taintForm(schema: Obj): void {
  const props = schema.properties as Record<string, Obj> | undefined
  if (!props) return
  for (const field of Object.values(props)) {
    if (field.type !== 'void' && field['x-decorator'] === 'FormItem') {
      field.description = taint('填写说明', 200)
      field['x-decorator-props'] = { ...((field['x-decorator-props'] as Obj | undefined) ?? {}), tooltip: taint('帮助', 200) }
      if (field['x-component'] === 'Input' || field['x-component'] === 'Input.TextArea')
        field['x-component-props'] = { ...((field['x-component-props'] as Obj | undefined) ?? {}), placeholder: taint('请输入', 200) }
      if (Array.isArray(field.enum)) field.enum = field.enum.map((e) => (typeof e === 'string' ? { label: taint(e, 100), value: e } : e))
    }
    taintForm(field)
  }
}

/**
 * A copy of the religious-venue definition with payloads in every authored text and in string
 * literals of every expression. Expects the shape of templates/religious-venue-preparation.json.
 */
export function injectTexts(definition: Obj): Obj {
  n = 0
  const d = walk(structuredClone(definition), '') as Obj
  const item = d.item as Obj
  for (const m of item.materials as Obj[]) {
    m.blankForm = { name: taint('空白表格.docx', 200), ref: JS_URL }
    m.sample = { name: taint('示例样表.pdf', 200), ref: JS_URL }
  }
  item.fees = [{ item: taint('工本费', 200), standard: taint('每件 0 元', 500), amount: 0, basis: taint('《政府非税收入管理办法》', 500), waivable: true }]
  taintForm(d.form as Obj)
  const form = d.form as { properties: Record<string, Obj> }
  // Linkage: valid expressions that carry payloads as string literals.
  const note = form.properties.neighbourNote as Obj
  note['x-reactions'] = {
    dependencies: ['needsNeighbourOpinion', 'venueName'],
    fulfill: { state: { visible: "{{$deps[0] === true || $deps[1] == '<img src=x onerror=window.__xss=1>'}}", description: "{{'<script>window.__xss=1</script>' + ''}}" } },
  }
  const flow = d.flow as { edges: Obj[]; nodes: Obj[] }
  const gateway = flow.edges.find((e) => typeof e.condition === 'string')
  if (gateway) gateway.condition = `decision == 'approve' && venueName != '<img src=x onerror=window.__xss=1>'`
  for (const mp of d.monitoringPoints as Obj[]) if (typeof mp.expression === 'string') mp.expression = `(${mp.expression}) || case.caseNo == '<svg onload=window.__xss=1>'`
  for (const doc of d.documents as Obj[]) {
    doc.title = taint(String(doc.title), 100)
    // A `{{ … }}` placeholder naming nothing known is refused by the validator: that one goes in injectExpressions.
    doc.body = String(doc.body).replace(/\n/, `\n${PAYLOADS.filter((p) => !p.startsWith('{{')).join('\n')}\n{{form.venueName}}{{form.address}}\n`)
    doc.numberPattern = `川<b>宗</b>〔{year}〕{seq:4}号`
  }
  return d
}

/** Expressions the safe language refuses; a draft may hold them (the validator reports them). */
export function injectExpressions(definition: Obj): Obj {
  const d = structuredClone(definition)
  const form = d.form as { properties: Record<string, Obj> }
  const note = form.properties.neighbourNote as Obj
  note['x-reactions'] = { dependencies: ['needsNeighbourOpinion'], fulfill: { state: { visible: "{{constructor.constructor('window.__xss=1')()}}", value: "{{this.constructor.constructor('window.__xss=1')()}}" } } }
  ;(form.properties.venueName as Obj)['x-reactions'] = { fulfill: { state: { title: "{{$self.constructor.constructor('window.__xss=1')()}}" } } }
  // A whole-string `{{ }}` is compiled by Formily wherever it stands: title, description, props.
  ;(form.properties.address as Obj).title = "{{constructor.constructor('window.__xss=1')()}}"
  ;(form.properties.address as Obj).description = "{{$form.constructor.constructor('window.__xss=1')()}}"
  const flow = d.flow as { edges: Obj[] }
  const gateway = flow.edges.find((e) => typeof e.condition === 'string')
  if (gateway) gateway.condition = "constructor.constructor('window.__xss=1')()"
  for (const doc of d.documents as Obj[]) doc.body = `${String(doc.body)}\n{{constructor.constructor('window.__xss=1')()}}`
  const mps = d.monitoringPoints as Obj[]
  if (mps[0]) mps[0].expression = "__proto__.constructor.constructor('window.__xss=1')()"
  return d
}
